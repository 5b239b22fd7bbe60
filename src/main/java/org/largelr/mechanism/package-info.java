/**
 * The mechanism notebooks' recipes (issue 13): what a run does step by step and why a large step balances.
 * {@link org.largelr.mechanism.PhasePlane} draws d = 1 runs over the hyperbola {@code x y = mu}, the balanced line
 * and the stability circles {@code x^2 + y^2 = 2/h}; {@link org.largelr.mechanism.SharpnessTrace} records loss and
 * sharpness at every step of a run through {@link org.largelr.api.GradientDescent#observe}, and
 * {@link org.largelr.mechanism.TwoPhases} runs several steps from one start and splits each run into its two
 * phases. Every run goes through {@link org.largelr.api.GradientDescent}; every formula is in
 * {@link org.largelr.api.Theory}.
 */
package org.largelr.mechanism;
