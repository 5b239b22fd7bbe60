/**
 * The objective {@code f(X,Y) = 1/2 ||A - X Y^T||_F^2} and its scalar special case, with gradients,
 * Hessian-vector products and sharpness; and the starting points ({@link org.largelr.api.Start}) GD runs from.
 */
package org.largelr.problem;

import org.largelr.api.Start;
