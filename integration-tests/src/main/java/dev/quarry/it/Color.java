package dev.quarry.it;

/** An enum stored as text. */
public enum Color { RED, GREEN, BLUE }
