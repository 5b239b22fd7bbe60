/**
 * XChart charts from tables and runs. Helpers return charts the caller can restyle; they never write files.
 */
package org.largelr.plot;
