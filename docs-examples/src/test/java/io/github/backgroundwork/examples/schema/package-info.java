/**
 * Recipes for a schema managed by Flyway or Liquibase.
 */
@NullMarked
package io.github.backgroundwork.examples.schema;

import org.jspecify.annotations.NullMarked;
