import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis of the engine's catalogue index, rebuilt from stock Lucene 8 parts. One analyzer picks its
 * chain by the field name's suffix, as the engine's CatalogAnalyzer does:
 * <ul>
 * <li>{@code _zh}: SmartChineseAnalyzer's own chain (HMM segmentation, Porter stemming of English words, its
 * default stop words);</li>
 * <li>{@code _bi}: StandardTokenizer, CJKWidthFilter, LowerCaseFilter, CJKBigramFilter (all CJK scripts, with
 * unigrams);</li>
 * <li>{@code _ng}: an NGramTokenizer (2..3) that treats only non-CJK letters and digits as word characters,
 * LowerCaseFilter, ASCIIFoldingFilter;</li>
 * <li>anything else ({@code _en}): StandardTokenizer, CJKWidthFilter, LowerCaseFilter, ASCIIFoldingFilter.</li>
 * </ul>
 * Before every chain a MappingCharFilter folds full-width ASCII and the ideographic space, Taiwan and Hong Kong
 * variants and traditional characters to simplified ones, built from the same OpenCC tables as the engine's
 * (copied next to the classes by build.sh). Values of a multi-valued field are 100 positions apart.
 */
final class PeerAnalysis {
    static final String ZH = "_zh";
    static final String BI = "_bi";
    static final String EN = "_en";
    static final String NG = "_ng";
    static final int VALUE_GAP = 100;
    static final int MIN_GRAM = 2;
    static final int MAX_GRAM = 3;

    private static volatile NormalizeCharMap charMap;
    private static volatile Map<String, String> characters;
    private static volatile Map<Integer, String> pinyin;

    private PeerAnalysis() {
    }

    /** The per-field catalogue analyzer. Thread-safe (Lucene reuses components per thread and field). */
    static Analyzer catalogAnalyzer() {
        return new CatalogAnalyzer();
    }

    private static final class CatalogAnalyzer extends Analyzer {
        private final SmartChineseAnalyzer smartCn = new SmartChineseAnalyzer();

        CatalogAnalyzer() {
            super(PER_FIELD_REUSE_STRATEGY);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            if (fieldName.endsWith(ZH)) {
                return smartCn.createComponents(fieldName);
            }
            if (fieldName.endsWith(NG)) {
                Tokenizer tokenizer = new LatinRunGramTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new ASCIIFoldingFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(tokenizer);
            stream = new LowerCaseFilter(stream);
            if (fieldName.endsWith(BI)) {
                int scripts = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
                stream = new CJKBigramFilter(stream, scripts, true);
            } else {
                stream = new ASCIIFoldingFilter(stream);
            }
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(charMap(), reader);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return VALUE_GAP;
        }

        @Override
        public int getOffsetGap(String fieldName) {
            return 1;
        }
    }

    /** Bigrams and trigrams of runs of non-CJK letters and digits, from each start the bigram then the trigram. */
    private static final class LatinRunGramTokenizer extends NGramTokenizer {
        LatinRunGramTokenizer() {
            super(MIN_GRAM, MAX_GRAM);
        }

        @Override
        protected boolean isTokenChar(int chr) {
            return !isCjk(chr) && Character.isLetterOrDigit(chr);
        }
    }

    /** Han ideographs (with extensions and compatibility forms), Hiragana, Katakana and Hangul syllables. */
    static boolean isCjk(int c) {
        return (c >= 0x3040 && c <= 0x30FF)
            || (c >= 0x3400 && c <= 0x4DBF)
            || (c >= 0x4E00 && c <= 0x9FFF)
            || (c >= 0xAC00 && c <= 0xD7AF)
            || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0xFF66 && c <= 0xFF9D)
            || (c >= 0x20000 && c <= 0x3FFFF);
    }

    /** Reads every token of a field's analysis (for the analysis-only mode); returns the token count. */
    static int consume(Analyzer analyzer, String field, String text) throws IOException {
        int count = 0;
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                count += term.length() > 0 ? 1 : 0;
            }
            stream.end();
        }
        return count;
    }

    /** The terms of a field's analysis, in order. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    // ---- Folding ------------------------------------------------------------------------------------------

    static NormalizeCharMap charMap() {
        NormalizeCharMap map = charMap;
        if (map == null) {
            synchronized (PeerAnalysis.class) {
                if (charMap == null) {
                    loadFolding();
                }
                map = charMap;
            }
        }
        return map;
    }

    private static void loadFolding() {
        Map<String, String> map = new HashMap<>();
        for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
            map.put(String.valueOf(c), String.valueOf((char) (c - 0xFEE0)));
        }
        map.put("\u3000", " ");
        Map<String, String> chars = readTable("TSCharacters.txt");
        for (Map.Entry<String, String> e : chars.entrySet()) {
            put(map, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : readTable("TSPhrases.txt").entrySet()) {
            put(map, e.getKey(), e.getValue());
        }
        // Regional variants reversed: a Taiwan/Hong Kong form folds as its OpenCC traditional form would.
        for (String table : new String[] {"TWVariants.txt", "HKVariants.txt"}) {
            for (Map.Entry<String, String> e : readTable(table).entrySet()) {
                String standard = e.getKey();
                String variant = e.getValue();
                if (!map.containsKey(variant)) {
                    put(map, variant, chars.getOrDefault(standard, standard));
                }
            }
        }
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (Map.Entry<String, String> e : map.entrySet()) {
            builder.add(e.getKey(), e.getValue());
        }
        characters = chars;
        charMap = builder.build();
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (key.equals(value)) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /** An OpenCC table: key, first candidate. Insertion order kept (a later key overwrites an earlier one). */
    private static Map<String, String> readTable(String name) {
        Map<String, String> table = new java.util.LinkedHashMap<>();
        try (BufferedReader reader = openTable(name)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                String key = line.substring(0, tab);
                for (String candidate : line.substring(tab + 1).split(" ")) {
                    if (!candidate.isEmpty()) {
                        table.put(key, candidate);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    private static BufferedReader openTable(String name) {
        InputStream stream = PeerAnalysis.class.getResourceAsStream("/peer-data/" + name);
        if (stream == null) {
            throw new IllegalStateException("The analysis table " + name
                + " is not on the class path (peer-data/); run build.sh, which copies src/Ingestion/Normalization/Data and src/Indexer/Analysis/Data.");
        }
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The folded text, as every analysis sees it. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        try (Reader reader = new MappingCharFilter(charMap(), new StringReader(text))) {
            char[] buffer = new char[256];
            int read;
            while ((read = reader.read(buffer, 0, buffer.length)) > 0) {
                out.append(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    // ---- Pinyin of authors' names ---------------------------------------------------------------------------

    private static final Map<Character, String> SURNAMES = new HashMap<>();

    static {
        String[][] rows = {
            {"曾", "zeng"}, {"单", "shan"}, {"解", "xie"}, {"仇", "qiu"}, {"区", "ou"}, {"查", "zha"}, {"朴", "piao"},
            {"乐", "yue"}, {"盖", "ge"}, {"覃", "qin"}, {"翟", "zhai"}, {"缪", "miao"}, {"尉", "yu"}, {"车", "che"},
            {"沈", "shen"}, {"柏", "bai"}, {"秘", "bi"}, {"种", "chong"}, {"牟", "mu"}, {"繁", "po"},
        };
        for (String[] row : rows) {
            SURNAMES.put(row[0].charAt(0), row[1]);
        }
    }

    private static Map<Integer, String> pinyinTable() {
        Map<Integer, String> table = pinyin;
        if (table == null) {
            synchronized (PeerAnalysis.class) {
                if (pinyin == null) {
                    Map<Integer, String> loaded = new HashMap<>();
                    try (BufferedReader reader = openTable("pinyin-first.txt")) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (line.isEmpty() || line.charAt(0) == '#') {
                                continue;
                            }
                            int tab = line.indexOf('\t');
                            String syllable = line.substring(0, tab);
                            line.substring(tab + 1).codePoints().forEach(cp -> loaded.putIfAbsent(cp, syllable));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    pinyin = loaded;
                }
                table = pinyin;
            }
        }
        return table;
    }

    /**
     * The pinyin forms a Chinese name is indexed under: spaced syllables, joined, surname + joined given
     * name (three or more), and given name first (two or three characters). Empty without Han characters.
     */
    static List<String> nameForms(String name) {
        String folded = fold(name.trim());
        Map<Integer, String> table = pinyinTable();
        List<String> syllables = new ArrayList<>();
        folded.codePoints().forEach(cp -> {
            String s = table.get(cp);
            if (s != null) {
                syllables.add(s);
            }
        });
        if (syllables.size() > 1 && !folded.isEmpty() && SURNAMES.containsKey(folded.charAt(0))) {
            syllables.set(0, SURNAMES.get(folded.charAt(0)));
        }
        List<String> forms = new ArrayList<>();
        if (syllables.isEmpty()) {
            return forms;
        }
        forms.add(String.join(" ", syllables));
        String given = String.join("", syllables.subList(1, syllables.size()));
        if (syllables.size() > 1) {
            forms.add(String.join("", syllables));
        }
        if (syllables.size() > 2) {
            forms.add(syllables.get(0) + " " + given);
        }
        if (syllables.size() == 2 || syllables.size() == 3) {
            forms.add(given + " " + syllables.get(0));
            forms.add(given + syllables.get(0));
        }
        return forms;
    }

    // ---- Exact values -----------------------------------------------------------------------------------------

    /** NFKC, trimmed, inner whitespace collapsed to one space, lower-cased: the {@code _exact} StringFields. */
    static String exact(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).trim();
        StringBuilder builder = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (space && builder.length() > 0) {
                builder.append(' ');
            }
            space = false;
            builder.append(Character.toLowerCase(c));
        }
        return builder.toString();
    }

    private static final String[] DOI_RESOLVERS = {
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:",
    };

    /** An identifier as indexed: exact form without a DOI resolver, and the same without - . / _ and spaces. */
    static List<String> identifierVariants(String value) {
        String exact = exact(value);
        for (String prefix : DOI_RESOLVERS) {
            if (exact.startsWith(prefix)) {
                exact = exact.substring(prefix.length()).trim();
                break;
            }
        }
        List<String> variants = new ArrayList<>(2);
        if (exact.isEmpty()) {
            return variants;
        }
        variants.add(exact);
        StringBuilder compact = new StringBuilder(exact.length());
        for (int i = 0; i < exact.length(); i++) {
            char c = exact.charAt(i);
            if (c != '-' && c != ' ' && c != '.' && c != '/' && c != '_' && c != '\u2010' && c != '\u2013') {
                compact.append(c);
            }
        }
        if (compact.length() > 0 && !compact.toString().equals(exact)) {
            variants.add(compact.toString());
        }
        return variants;
    }

    /** Distinct in first-seen order. */
    static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }
}
