/**
 * The mechanism notebooks' instruments (issue 13, notebooks 06 to 09): what a run does step by step and why a
 * large step balances. {@link org.largelr.mechanism.PhasePlane} draws d = 1 runs over the hyperbola
 * {@code x y = mu}, the balanced line and the stability circles {@code x^2 + y^2 = 2/h};
 * {@link org.largelr.mechanism.SharpnessTrace} records loss and sharpness at every step through
 * {@link org.largelr.api.GradientDescent#observe}, and {@link org.largelr.mechanism.TwoPhases} splits runs into
 * their two phases; {@link org.largelr.mechanism.BalancedLine} reads orbits on the balanced line off library runs,
 * and {@link org.largelr.mechanism.SingularDirections} measures a limit's balance along the target's singular
 * directions. Every run goes through {@link org.largelr.api.GradientDescent}; every formula is in
 * {@link org.largelr.api.Theory}.
 */
package org.largelr.mechanism;
