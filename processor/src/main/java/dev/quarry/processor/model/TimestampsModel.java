package dev.quarry.processor.model;

/**
 * Database-managed creation and update times.
 *
 * @param created the column set once, by {@code DEFAULT now()}
 * @param updated the column every DAO update sets to {@code now()}
 * @param trigger whether a trigger also sets {@code updated} for SQL written by hand
 */
public record TimestampsModel(ColumnModel created, ColumnModel updated, boolean trigger) {}
