/**
 * Helpers that only generated code calls: statement execution, binding and reading of the
 * supported types, and SQLSTATE classification. <strong>Not API</strong>: anything here may
 * change in any release.
 */
package dev.quarry.runtime.internal;
