/**
 * The paper's experiments as reusable recipes: each class builds one experiment of
 * "Large Learning Rate Tames Homogeneity" (its instances, learning rates and runs) and returns Tablesaw
 * tables, {@link org.largelr.api.GdResult}s, charts and {@link org.largelr.api.Verdict}s, so that a
 * notebook cell only has to call it and show the result. Which settings are the paper's and which are
 * ours is said in each class (see docs/paper.md).
 */
package org.largelr.paper;
