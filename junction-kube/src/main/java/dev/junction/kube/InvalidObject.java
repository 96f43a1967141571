package dev.junction.kube;

/**
 * Thrown inside a converter to stop at the first invalid field; the converter's entry point turns it into a
 * {@link Conversion.Rejected}. It never leaves a converter. No stack trace: it is control flow, not a bug.
 */
final class InvalidObject extends RuntimeException {
    InvalidObject(String reason) {
        super(reason, null, false, false);
    }
}
