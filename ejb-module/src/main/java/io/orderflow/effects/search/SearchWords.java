package io.orderflow.effects.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What staff type into the search box, as PostgreSQL's web-search syntax over the words the index
 * keeps. The index keeps letters and digits only (an address or a SKU is split at every other
 * character), so each typed term becomes the phrase of its words: {@code ada@example.com} finds
 * that address and not {@code ada.smith@example.com}, {@code BOOK-001} finds that SKU, {@code
 * cluster-paused} finds the addresses that begin so. A leading {@code -} excludes a term, {@code
 * or} between terms is kept, {@code "quoted words"} stay one phrase; every other term must match.
 */
final class SearchWords {

    private static final Pattern TERM = Pattern.compile("(-?)(\"[^\"]*\"?|\\S+)");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {}

    /** The web-search query; blank when the text holds no word at all (such as {@code *}). */
    static String webSearch(String typed) {
        StringBuilder query = new StringBuilder();
        Matcher term = TERM.matcher(typed);
        while (term.find()) {
            String text = term.group(2);
            if (text.equalsIgnoreCase("or") && term.group(1).isEmpty()) {
                query.append(" or");
                continue;
            }
            String words = NOT_A_WORD.matcher(text).replaceAll(" ").trim();
            if (!words.isEmpty()) {
                query.append(' ').append(term.group(1)).append('"').append(words).append('"');
            }
        }
        return query.toString().trim();
    }
}
