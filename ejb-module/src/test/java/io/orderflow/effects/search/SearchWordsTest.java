package io.orderflow.effects.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchWordsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ada@example.com          | \"ada example com\"",
                "BOOK-001                 | \"BOOK 001\"",
                "ada BOOK-001             | \"ada\" \"BOOK 001\"",
                "ada -BOOK-001            | \"ada\" -\"BOOK 001\"",
                "ada or grace             | \"ada\" or \"grace\"",
                "'\"ada lovelace\" BOOK'  | \"ada lovelace\" \"BOOK\"",
                "*                        | ''",
                "'  - -- @ '              | ''",
            })
    void each_term_becomes_the_phrase_of_its_words(String typed, String webSearch) {
        assertThat(SearchWords.webSearch(typed)).isEqualTo(webSearch);
    }
}
