/**
 * The paper's experiments as named {@link org.largelr.api.Sweep} configurations ({@link org.largelr.paper.Experiments})
 * plus the claims checked on their runs ({@link org.largelr.paper.Claims}, as {@link org.largelr.api.Verdict}s); the
 * instances of a check ({@link org.largelr.paper.Instance}, listed by {@code Experiments.scalarInstances} and
 * {@code matrixInstances}) and the named sweeps run on them as one table ({@link org.largelr.paper.SweepSet}); the
 * two per-step identities seen through the engine's observer ({@link org.largelr.paper.ResidualContraction},
 * {@link org.largelr.paper.MatrixImbalanceIdentity}); closed forms at the minima ({@link org.largelr.paper.MatrixMinima});
 * the limit columns a sweep table lacks ({@link org.largelr.paper.Limits}) and the notebooks' own figures
 * ({@link org.largelr.paper.Figures}). Which settings are the paper's and which ours is said per method (docs/paper.md).
 */
package org.largelr.paper;
