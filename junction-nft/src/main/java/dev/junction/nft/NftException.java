package dev.junction.nft;

/** A batch the kernel refused. Nothing of it was applied. */
public final class NftException extends Exception {
    private final String input;
    private final String errorOutput;

    public NftException(String message, String input, String errorOutput) {
        super(message + (errorOutput == null || errorOutput.isBlank() ? "" : ": " + errorOutput.strip()));
        this.input = input == null ? "" : input;
        this.errorOutput = errorOutput == null ? "" : errorOutput;
    }

    /** The nft text that was fed, so that a log can show the failing lines. */
    public String input() {
        return input;
    }

    /** What nft printed on its error stream (with carets under the bad span). */
    public String errorOutput() {
        return errorOutput;
    }
}
