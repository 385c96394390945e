package dev.s3batch.api.dialect;

/** Checks of client text that every input path shares. */
public final class Texts {
    private Texts() {
    }

    /**
     * Whether {@code s} holds a control character: C0 controls other than tab, line feed and carriage return, DEL, C1
     * controls, or the non-characters U+FFFE and U+FFFF. None of them is valid in XML 1.0 (so no response could carry
     * them back), and PostgreSQL cannot store NUL in text.
     */
    public static boolean hasControlCharacter(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) || c == '\uFFFE' || c == '\uFFFF') {
                return true;
            }
        }
        return false;
    }
}
