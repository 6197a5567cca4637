package io.orderflow.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ point at what exists: every relative link reaches a file of the repository
 * (and a heading of it, when it names one), and the README's two commands are the run profile this
 * module defines and the test command CI runs.
 */
class DocumentationTest {

    /** The tests run in dev-services/, one level below the README. */
    private static final Path ROOT = Path.of("..");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void every_relative_link_reaches_a_file_and_its_heading() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                links++;
                String file = target.replaceFirst("#.*", "");
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target);
                } else if (target.contains("#") && !anchors(resolved).contains(anchorOf(target))) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(links).as("links read").isGreaterThan(20);
        assertThat(broken).as("links that reach nothing").isEmpty();
    }

    @Test
    void the_readme_starts_with_the_run_command_and_the_command_ci_runs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher first = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(first.find()).isTrue();
        List<String> commands =
                first.group(1)
                        .lines()
                        .map(line -> line.replaceFirst("\\s+#.*", "").trim())
                        .filter(line -> !line.isEmpty())
                        .toList();

        assertThat(commands).containsExactly("mvn -Prun -DskipTests install", "mvn verify");
        assertThat(Files.readString(ROOT.resolve("dev-services/pom.xml"))).contains("<id>run</id>");
        assertThat(Files.readString(ROOT.resolve(".ci/run")))
                .as("CI runs the README's test command")
                .contains("mvn -B -ntp verify");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String anchorOf(String target) {
        return target.substring(target.indexOf('#') + 1);
    }

    /** The anchors GitHub gives a page's headings. */
    private static List<String> anchors(Path page) throws IOException {
        if (!page.toString().endsWith(".md")) {
            return List.of();
        }
        return Files.readAllLines(page).stream()
                .filter(line -> line.startsWith("#"))
                .map(
                        line ->
                                line.replaceFirst("^#+\\s*", "")
                                        .toLowerCase(Locale.ROOT)
                                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                                        .replace(' ', '-'))
                .toList();
    }
}
