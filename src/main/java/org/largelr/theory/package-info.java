/**
 * The numbers the theorems speak of (L, 2/L, the learning-rate limits, the balancing bounds) and
 * verdicts that check a finished run against them, with both sides of every inequality.
 */
package org.largelr.theory;
