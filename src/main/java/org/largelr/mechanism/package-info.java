/**
 * The mechanism notebooks' instruments (08, 09): orbits of GD on the balanced line read from library runs, and the
 * singular directions of a target against which a limit's balance is measured. The formulas they are compared
 * with live in {@link org.largelr.api.Theory}; nothing here runs GD outside {@link org.largelr.api.GradientDescent}.
 */
package org.largelr.mechanism;
