/**
 * What a run returns: {@link org.largelr.gd.GdResult} (trajectory, summary, the numbers the theorems speak of)
 * and {@link org.largelr.gd.Outcome}. Runs are made by {@link org.largelr.api.GradientDescent}.
 */
package org.largelr.gd;
