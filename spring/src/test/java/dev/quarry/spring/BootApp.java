package dev.quarry.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application with nothing of its own: everything Quarry offers comes from auto-configuration.
 * Hibernate is on the test class path for {@link SpringJpaTest} alone; Boot's JPA (3.x and 4.x
 * names) would otherwise start an entity manager factory in every context here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
    "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
    "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
class BootApp {}
