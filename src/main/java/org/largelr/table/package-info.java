/**
 * How tables print: {@link org.largelr.table.Tables#readable} gives a table's decimal columns a significant-digit
 * formatter, so a trajectory that spans forty decades prints as {@code 4.487e84}, not as eighty-five digits.
 */
package org.largelr.table;
