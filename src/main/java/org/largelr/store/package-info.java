/**
 * Result files that survive faults: an exclusive lock per output, atomic replacement, checked output paths, and
 * I/O errors turned into one line that names the file and the operating system's reason.
 */
package org.largelr.store;
