/**
 * Gradient descent with a constant (possibly large) learning rate: the fluent
 * {@link org.largelr.gd.GradientDescent} builder over allocation-free engines, and the
 * {@link org.largelr.gd.GdResult} every run returns.
 */
package org.largelr.gd;
