package dev.quarry.it;

/** Stored as the PostgreSQL enum type {@code task_status}; the order here is the order PostgreSQL sorts in. */
public enum TaskStatus { QUEUED, RUNNING, DONE }
