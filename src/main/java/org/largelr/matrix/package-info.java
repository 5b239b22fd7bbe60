/**
 * Building and checking matrices: seeded random builders, prescribed spectra, CSV in and out.
 * Everything hands back EJML {@link org.ejml.data.DMatrixRMaj} so users keep EJML's whole toolbox.
 */
package org.largelr.matrix;
