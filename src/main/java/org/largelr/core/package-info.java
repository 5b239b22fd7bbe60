/**
 * The plain, fast core of GD, on buffers the caller owns (EJML's {@code CommonOps} level): one loop per problem
 * kind ({@link org.largelr.core.ScalarGd}, {@link org.largelr.core.MatrixGd}) with one {@link
 * org.largelr.core.StopRule}, observed step by step through {@link org.largelr.core.StepObserver}; the kernels split
 * by concern: {@link org.largelr.core.ReferenceOps} (reference operations), {@link org.largelr.core.Target} and
 * {@link org.largelr.core.Workspace} (the matrix workspace), {@link org.largelr.core.ScalarLanes} (many scalar runs
 * side by side), {@code ThreadSplit} (a step over two threads, a parameter of the run). No global caches, no
 * thread-local switches. Only {@code GradientDescent} calls the loops and kernels (and {@code FactorizationProblem}
 * {@code Lanczos}); outside the api nothing names this package ({@code ArchitectureTest}).
 */
package org.largelr.core;
