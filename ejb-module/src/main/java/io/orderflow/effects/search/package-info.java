/**
 * The search effect and the staff's search: the searchable copy of each order in PostgreSQL, its
 * full-text index, and how typed words are read. Imports the hall, never another effect.
 */
package io.orderflow.effects.search;
