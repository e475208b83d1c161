package dev.plimsoll.perfmodel.specs;

/**
 * The text of one spec file and the name messages use for it.
 *
 * @param name     {@code classpath:hardware-specs/h100-sxm.yaml} or a file path
 * @param fileName the bare file name ({@code h100-sxm.yaml})
 * @param text     the YAML
 */
public record SpecFile(String name, String fileName, String text) {

    /** The file name without its extension. */
    public String stem() {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }
}
