/** What is deleted when: each kept table with its window, deleted in batches on a timer. */
package io.orderflow.retention;
