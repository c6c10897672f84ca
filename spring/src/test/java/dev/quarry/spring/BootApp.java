package dev.quarry.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with nothing of its own: everything Quarry offers comes from auto-configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration
class BootApp {}
