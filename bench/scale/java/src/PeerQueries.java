import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The engine's search requests ({@code /api/search?q=...&syntax=...&type=...&year=...}) as Lucene 8 queries:
 * a small query tree (and, or, not, term in a field set, year) from the box, an expert expression or CQL,
 * and the engine's QueryBuilder rules for a term: CJK runs match the phrase of their bigrams on every bigram
 * field (field weights as in SearchOptions) or, at half weight, all of their SmartCn words; other runs match
 * their unstemmed words on the {@code _en} fields, fragments also their character grams on the {@code _ng}
 * fields; a word with digits may match an identifier. Filters become FILTER clauses.
 */
final class PeerQueries {
    private static final float WORDS_FACTOR = 0.5f;
    private static final float INSIDE_WORD_FACTOR = 0.4f;
    private static final float IDENTIFIER_BOOST = 20f;
    private static final String GRAM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** The field the highlighter analyzes stored text as, and the highlight query's terms are in. */
    static final String HIGHLIGHT_FIELD = "h" + PeerAnalysis.BI;

    private PeerQueries() {
    }

    // ---- Requests --------------------------------------------------------------------------------------------

    /** One line of queries.tsv, parsed. */
    static final class Request {
        String kind;
        String url;
        String q = "";
        String syntax = "simple";
        final List<String> types = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        final List<String> languages = new ArrayList<>();
        Integer yearFrom;
        Integer yearTo;
        int size = 20;
        String sort = "relevance";
    }

    static Request parseRequest(String kind, String url) {
        Request r = new Request();
        r.kind = kind;
        r.url = url;
        int question = url.indexOf('?');
        String query = question < 0 ? "" : url.substring(question + 1);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (name) {
                case "q": r.q = value; break;
                case "syntax": r.syntax = value.trim().toLowerCase(Locale.ROOT); break;
                case "type": addValues(r.types, value); break;
                case "source": addValues(r.sources, value); break;
                case "language": addValues(r.languages, value.toLowerCase(Locale.ROOT)); break;
                case "size": r.size = Math.max(1, Math.min(100, Integer.parseInt(value.trim()))); break;
                case "sort": r.sort = value.trim().toLowerCase(Locale.ROOT); break;
                case "year": {
                    Integer[] range = yearRange(value);
                    if (range == null) {
                        throw new IllegalArgumentException("year: '" + value + "' is not a year or a range");
                    }
                    r.yearFrom = range[0];
                    r.yearTo = range[1];
                    break;
                }
                default: break; // page, within, recency, ... are not part of the benchmark's mix
            }
        }
        return r;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void addValues(List<String> list, String value) {
        for (String v : value.split(",")) {
            if (!v.isBlank() && !list.contains(v.trim())) {
                list.add(v.trim());
            }
        }
    }

    /** 2015, 2015-2020, 2015-, -2020 (also with ~); null when not one of those. */
    static Integer[] yearRange(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.trim().replace('～', '-').replace('~', '-').split("-", 2);
        try {
            Integer from = parts[0].isBlank() ? null : Integer.valueOf(parts[0].trim());
            Integer to = parts.length == 1 ? from : parts[1].isBlank() ? null : Integer.valueOf(parts[1].trim());
            if ((from == null && to == null) || (from != null && to != null && from > to)) {
                return null;
            }
            return new Integer[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- The query tree ----------------------------------------------------------------------------------------

    enum Match { WORDS, PHRASE, EXACT, FUZZY }

    enum Kind { TEXT, IDENTIFIER, CLC, YEAR }

    /** A field users search in: its text fields or identifier fields. */
    static final class SField {
        final String code;
        final Kind kind;
        final List<PeerSchema.TextSpec> text;
        final List<String> identifiers;

        SField(String code, Kind kind, List<PeerSchema.TextSpec> text, List<String> identifiers) {
            this.code = code;
            this.kind = kind;
            this.text = text;
            this.identifiers = identifiers;
        }

        boolean isAny() {
            return this == ANY;
        }
    }

    static final SField ANY = new SField("ANY", Kind.TEXT, PeerSchema.TEXT_FIELDS, List.of("ident", "classification"));
    static final SField SUBJECT = new SField("SU", Kind.TEXT, List.of(PeerSchema.TITLE, PeerSchema.ALT_TITLE, PeerSchema.KEYWORD, PeerSchema.SUBJECT, PeerSchema.ABSTRACT), List.of());
    static final SField TITLE = new SField("TI", Kind.TEXT, List.of(PeerSchema.TITLE, PeerSchema.ALT_TITLE), List.of());
    static final SField KEYWORD = new SField("KY", Kind.TEXT, List.of(PeerSchema.KEYWORD, PeerSchema.SUBJECT), List.of());
    static final SField AUTHOR = new SField("AU", Kind.TEXT, List.of(PeerSchema.AUTHOR, PeerSchema.AUTHOR_PY), List.of());
    static final SField AFFILIATION = new SField("AF", Kind.TEXT, List.of(PeerSchema.ORG), List.of());
    static final SField JOURNAL = new SField("JN", Kind.TEXT, List.of(PeerSchema.SOURCE_TITLE), List.of());
    static final SField ABSTRACT = new SField("AB", Kind.TEXT, List.of(PeerSchema.ABSTRACT), List.of());
    static final SField CLASSIFICATION = new SField("CLC", Kind.CLC, List.of(), List.of("classification"));
    static final SField YEAR = new SField("YE", Kind.YEAR, List.of(), List.of());

    private static final Map<String, SField> FIELDS = new HashMap<>();

    static {
        Object[][] names = {
            {ANY, "ANY", "全部", "FT", "serverchoice", "anywhere", "keywords", "text"},
            {SUBJECT, "SU", "主题", "TKA"},
            {TITLE, "TI", "篇名", "题名", "title"},
            {KEYWORD, "KY", "关键词", "subject"},
            {AUTHOR, "AU", "作者", "creator", "author", "name", "contributor"},
            {AFFILIATION, "AF", "单位", "机构"},
            {JOURNAL, "JN", "刊名", "来源", "文献来源", "source", "journal"},
            {ABSTRACT, "AB", "摘要", "description", "abstract"},
            {CLASSIFICATION, "CLC", "分类号", "中图分类号"},
            {YEAR, "YE", "年", "年份", "PY", "date", "year"},
            {new SField("DOI", Kind.IDENTIFIER, List.of(), List.of("doi")), "DOI"},
            {new SField("ISBN", Kind.IDENTIFIER, List.of(), List.of("isbn")), "ISBN"},
            {new SField("ISSN", Kind.IDENTIFIER, List.of(), List.of("issn")), "ISSN"},
            {new SField("PN", Kind.IDENTIFIER, List.of(), List.of("patent")), "PN", "专利号"},
            {new SField("SN", Kind.IDENTIFIER, List.of(), List.of("standard")), "SN", "标准号"},
            {new SField("ID", Kind.IDENTIFIER, List.of(), List.of("ident")), "ID", "标识符", "identifier"},
        };
        for (Object[] row : names) {
            for (int i = 1; i < row.length; i++) {
                FIELDS.put(((String) row[i]).toLowerCase(Locale.ROOT), (SField) row[0]);
            }
        }
    }

    static SField field(String name) {
        return FIELDS.get(name.trim().toLowerCase(Locale.ROOT));
    }

    abstract static class Node {
    }

    static final class AllNode extends Node {
    }

    static final class AndNode extends Node {
        final List<Node> children;

        AndNode(List<Node> children) {
            this.children = children;
        }
    }

    static final class OrNode extends Node {
        final List<Node> children;

        OrNode(List<Node> children) {
            this.children = children;
        }
    }

    static final class NotNode extends Node {
        final Node include;
        final Node exclude;

        NotNode(Node include, Node exclude) {
            this.include = include;
            this.exclude = exclude;
        }
    }

    static final class TermNode extends Node {
        final SField field;
        final String text;
        final Match match;

        TermNode(SField field, String text, Match match) {
            this.field = field;
            this.text = text;
            this.match = match;
        }
    }

    static final class YearNode extends Node {
        final Integer from;
        final Integer to;

        YearNode(Integer from, Integer to) {
            this.from = from;
            this.to = to;
        }
    }

    static Node and(List<Node> nodes) {
        return nodes.size() == 1 ? nodes.get(0) : nodes.isEmpty() ? new AllNode() : new AndNode(nodes);
    }

    static Node or(List<Node> nodes) {
        return nodes.size() == 1 ? nodes.get(0) : new OrNode(nodes);
    }

    /** The request's query text as a tree; throws IllegalArgumentException on a syntax error (expert, CQL). */
    static Node parse(Request r) {
        switch (r.syntax) {
            case "":
            case "simple":
                return PeerSyntax.box(r.q);
            case "expert":
                return r.q.isBlank() ? new AllNode() : PeerSyntax.expert(r.q);
            case "cql":
                return r.q.isBlank() ? new AllNode() : PeerSyntax.cql(r.q);
            default:
                throw new IllegalArgumentException("syntax: '" + r.syntax + "'");
        }
    }

    // ---- Building ----------------------------------------------------------------------------------------------

    /** A built request: the query with its filters and the highlight terms (a BooleanQuery of TermQuery in {@link #HIGHLIGHT_FIELD}). */
    static final class Built {
        final Query query;
        final Query highlight;

        Built(Query query, Query highlight) {
            this.query = query;
            this.highlight = highlight;
        }
    }

    /** Not thread-safe (collects highlight terms); make one per request. */
    static final class Builder {
        private final Analyzer analyzer;
        private final BooleanQuery.Builder highlight = new BooleanQuery.Builder();
        private final Set<String> highlighted = new HashSet<>();

        Builder(Analyzer analyzer) {
            this.analyzer = analyzer;
        }

        Built build(Request r) {
            Query main = visit(parse(r), true);
            if (main == null) {
                main = new MatchAllDocsQuery();
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder().add(main, Occur.MUST);
            boolean filtered = false;
            filtered |= filter(all, "type", r.types);
            filtered |= filter(all, "source", r.sources);
            filtered |= filter(all, "language", r.languages);
            if (r.yearFrom != null || r.yearTo != null) {
                all.add(IntPoint.newRangeQuery(PeerSchema.YEAR,
                    r.yearFrom == null ? Integer.MIN_VALUE : r.yearFrom,
                    r.yearTo == null ? Integer.MAX_VALUE : r.yearTo), Occur.FILTER);
                filtered = true;
            }
            return new Built(filtered ? all.build() : main, highlight.build());
        }

        private static boolean filter(BooleanQuery.Builder all, String field, List<String> values) {
            if (values.isEmpty()) {
                return false;
            }
            List<BytesRef> terms = new ArrayList<>();
            for (String v : values) {
                terms.add(new BytesRef(v));
            }
            all.add(new TermInSetQuery(field, terms), Occur.FILTER);
            return true;
        }

        private Query visit(Node node, boolean positive) {
            if (node instanceof AllNode) {
                return new MatchAllDocsQuery();
            }
            if (node instanceof AndNode) {
                AndNode and = (AndNode) node;
                List<Object[]> children = new ArrayList<>();
                for (Node c : and.children) {
                    children.add(new Object[] {c, Occur.MUST});
                }
                return withNameBoost(and, combine(children, positive));
            }
            if (node instanceof OrNode) {
                List<Object[]> children = new ArrayList<>();
                for (Node c : ((OrNode) node).children) {
                    children.add(new Object[] {c, Occur.SHOULD});
                }
                return combine(children, positive);
            }
            if (node instanceof NotNode) {
                NotNode not = (NotNode) node;
                List<Object[]> children = new ArrayList<>();
                children.add(new Object[] {not.include == null ? new AllNode() : not.include, Occur.MUST});
                children.add(new Object[] {not.exclude, Occur.MUST_NOT});
                return combine(children, positive);
            }
            if (node instanceof YearNode) {
                YearNode y = (YearNode) node;
                return IntPoint.newRangeQuery(PeerSchema.YEAR, y.from == null ? Integer.MIN_VALUE : y.from, y.to == null ? Integer.MAX_VALUE : y.to);
            }
            TermNode term = (TermNode) node;
            if (positive) {
                addHighlight(term.text);
            }
            return term(term);
        }

        private Query combine(List<Object[]> children, boolean positive) {
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            int clauses = 0;
            int positives = 0;
            Query single = null;
            for (Object[] child : children) {
                Occur occur = (Occur) child[1];
                Query built = visit((Node) child[0], positive && occur != Occur.MUST_NOT);
                if (built == null) {
                    continue;
                }
                query.add(built, occur);
                clauses++;
                if (occur != Occur.MUST_NOT) {
                    positives++;
                    single = built;
                }
            }
            if (clauses == 0) {
                return null;
            }
            if (positives == 0) {
                query.add(new MatchAllDocsQuery(), Occur.MUST);
            }
            return clauses == 1 && positives == 1 ? single : query.build();
        }

        /** Two to four Latin words in the box score higher as one author's pinyin name in that order. */
        private Query withNameBoost(AndNode and, Query built) {
            List<String> words = new ArrayList<>();
            for (Node c : and.children) {
                if (c instanceof TermNode) {
                    TermNode t = (TermNode) c;
                    if (t.match == Match.WORDS && (t.field.isAny() || t.field == AUTHOR) && !t.text.isEmpty() && t.text.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
                        words.add(t.text.toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (built == null || words.size() < 2 || words.size() > 4) {
                return built;
            }
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            for (String w : words) {
                phrase.add(new Term(PeerSchema.AUTHOR_PY.exactText(), w));
            }
            return new BooleanQuery.Builder()
                .add(built, Occur.MUST)
                .add(new BoostQuery(phrase.build(), PeerSchema.AUTHOR_PY.boost * 2), Occur.SHOULD)
                .build();
        }

        private Query term(TermNode term) {
            SField field = term.field;
            switch (field.kind) {
                case YEAR: {
                    Integer[] range = yearRange(term.text);
                    if (range == null) {
                        throw new IllegalArgumentException("'" + term.text + "' is not a year");
                    }
                    return IntPoint.newRangeQuery(PeerSchema.YEAR, range[0] == null ? Integer.MIN_VALUE : range[0], range[1] == null ? Integer.MAX_VALUE : range[1]);
                }
                case IDENTIFIER:
                    return identifiers(field.identifiers, term.text, 1f);
                case CLC: {
                    List<String> variants = PeerAnalysis.identifierVariants(term.text);
                    return variants.isEmpty() ? null : new PrefixQuery(new Term("classification", variants.get(variants.size() - 1)));
                }
                default:
                    Query text = term.match == Match.PHRASE ? phraseOperand(field.text, term.text) : wordOperand(field.text, term.text, term.match);
                    Query ids = field.isAny() && hasDigit(term.text) && term.text.length() >= 4
                        ? identifiers(List.of("ident", "classification"), term.text, IDENTIFIER_BOOST) : null;
                    if (ids == null) {
                        return text;
                    }
                    return text == null ? ids : new BooleanQuery.Builder().add(text, Occur.SHOULD).add(ids, Occur.SHOULD).build();
            }
        }

        private static boolean hasDigit(String s) {
            return s.chars().anyMatch(Character::isDigit);
        }

        private static Query identifiers(List<String> fields, String text, float boost) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            int n = 0;
            for (String variant : PeerAnalysis.identifierVariants(text)) {
                for (String f : fields) {
                    any.add(boost(new TermQuery(new Term(f, variant)), boost), Occur.SHOULD);
                    n++;
                }
            }
            return n == 0 ? null : any.build();
        }

        private Query wordOperand(List<PeerSchema.TextSpec> fields, String word, Match match) {
            List<String[]> runs = scriptRuns(word);
            boolean cutAnywhere = match != Match.EXACT && runs.size() > 1 && runs.stream().anyMatch(r -> r[1] != null);
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            int required = 0;
            int clauses = 0;
            Query only = null;
            for (int i = 0; i < runs.size(); i++) {
                String run = runs.get(i)[0];
                boolean cjk = runs.get(i)[1] != null;
                boolean leading = cutAnywhere && i == 0 && !cjk;
                boolean trailing = cutAnywhere && i == runs.size() - 1 && !cjk;
                Query q = cjk
                    ? cjkRun(fields, run, match != Match.EXACT)
                    : otherRun(fields, run, match == Match.FUZZY, trailing, insideWordRun(run, leading || trailing, match));
                if (q != null) {
                    all.add(q, leading ? Occur.SHOULD : Occur.MUST);
                    required += leading ? 0 : 1;
                    clauses++;
                    only = q;
                }
            }
            if (required == 0) {
                return null;
            }
            if (runs.size() > 1 && match != Match.EXACT) {
                List<Query> whole = new ArrayList<>();
                for (PeerSchema.TextSpec f : fields) {
                    if (f.has(PeerSchema.BIGRAMS)) {
                        List<Tok> tokens = bigramPhraseTokens(tokens(analyzer, f.bigrams(), word));
                        if (tokens.size() > 1) {
                            whole.add(phraseOrTerm(f.bigrams(), tokens, f.boost));
                        }
                    }
                }
                Query adjacent = orOf(whole);
                if (adjacent != null) {
                    all.add(adjacent, Occur.SHOULD);
                    clauses++;
                }
            }
            return clauses == 1 ? only : all.build();
        }

        private Query phraseOperand(List<PeerSchema.TextSpec> fields, String phrase) {
            boolean hasCjk = scriptRuns(phrase).stream().anyMatch(r -> r[1] != null);
            List<Query> alternatives = new ArrayList<>();
            for (PeerSchema.TextSpec f : fields) {
                if (hasCjk && f.has(PeerSchema.BIGRAMS)) {
                    Query q = phraseOrTerm(f.bigrams(), bigramPhraseTokens(tokens(analyzer, f.bigrams(), phrase)), f.boost);
                    if (q != null) {
                        alternatives.add(q);
                    }
                } else if (!hasCjk && f.has(PeerSchema.EXACT)) {
                    Query q = phraseOrTerm(f.exactText(), tokens(analyzer, f.exactText(), phrase), f.boost);
                    if (q != null) {
                        alternatives.add(q);
                    }
                }
            }
            return orOf(alternatives);
        }

        private Query cjkRun(List<PeerSchema.TextSpec> fields, String run, boolean words) {
            List<Query> alternatives = new ArrayList<>();
            for (PeerSchema.TextSpec f : fields) {
                if (f.has(PeerSchema.BIGRAMS)) {
                    Query q = phraseOrTerm(f.bigrams(), bigramPhraseTokens(tokens(analyzer, f.bigrams(), run)), f.boost);
                    if (q != null) {
                        alternatives.add(q);
                    }
                }
            }
            List<PeerSchema.TextSpec> wordFields = new ArrayList<>();
            for (PeerSchema.TextSpec f : fields) {
                if (f.has(PeerSchema.WORDS)) {
                    wordFields.add(f);
                }
            }
            if (words && run.length() > 1 && !wordFields.isEmpty()) {
                List<String> segmented = new ArrayList<>(new LinkedHashSet<>(PeerAnalysis.terms(analyzer, PeerSchema.TITLE.words(), run)));
                if (segmented.size() > 1) {
                    BooleanQuery.Builder all = new BooleanQuery.Builder();
                    for (String word : segmented) {
                        BooleanQuery.Builder any = new BooleanQuery.Builder();
                        for (PeerSchema.TextSpec f : wordFields) {
                            any.add(boost(new TermQuery(new Term(f.words(), word)), f.boost), Occur.SHOULD);
                        }
                        all.add(any.build(), Occur.MUST);
                    }
                    alternatives.add(new BoostQuery(all.build(), WORDS_FACTOR));
                }
            }
            return orOf(alternatives);
        }

        private Query otherRun(List<PeerSchema.TextSpec> fields, String run, boolean anyOrder, boolean prefixLast, boolean inside) {
            List<Query> alternatives = new ArrayList<>();
            for (PeerSchema.TextSpec f : fields) {
                if (!f.has(PeerSchema.EXACT)) {
                    continue;
                }
                List<Tok> tokens = tokens(analyzer, f.exactText(), run);
                if (tokens.isEmpty()) {
                    continue;
                }
                if (prefixLast) {
                    String lastTerm = tokens.get(tokens.size() - 1).term;
                    Query last = new BooleanQuery.Builder()
                        .add(boost(new TermQuery(new Term(f.exactText(), lastTerm)), f.boost), Occur.SHOULD)
                        .add(boost(new PrefixQuery(new Term(f.exactText(), lastTerm)), f.boost / 2), Occur.SHOULD)
                        .build();
                    alternatives.add(tokens.size() == 1 ? last : new BooleanQuery.Builder()
                        .add(phraseOrTerm(f.exactText(), tokens.subList(0, tokens.size() - 1), f.boost), Occur.MUST)
                        .add(last, Occur.MUST).build());
                    continue;
                }
                if (anyOrder && tokens.size() > 1) {
                    BooleanQuery.Builder and = new BooleanQuery.Builder();
                    for (Tok t : tokens) {
                        and.add(boost(new TermQuery(new Term(f.exactText(), t.term)), f.boost), Occur.MUST);
                    }
                    alternatives.add(and.build());
                } else {
                    alternatives.add(phraseOrTerm(f.exactText(), tokens, f.boost));
                }
            }
            Query words = orOf(alternatives);
            List<Query> grams = new ArrayList<>();
            if (inside) {
                addInsideWords(grams, fields, run, !prefixLast && isPlainWord(run));
            }
            if (grams.isEmpty()) {
                return words;
            }
            BooleanQuery.Builder either = new BooleanQuery.Builder().add(orOf(grams), Occur.SHOULD);
            if (words != null) {
                either.add(words, Occur.SHOULD);
            }
            return either.build();
        }

        private void addInsideWords(List<Query> alternatives, List<PeerSchema.TextSpec> fields, String run, boolean afterLetter) {
            for (PeerSchema.TextSpec f : fields) {
                if (!f.has(PeerSchema.LATIN_GRAMS)) {
                    continue;
                }
                List<Tok> tokens = tokens(analyzer, f.grams(), run);
                float boost = f.boost * INSIDE_WORD_FACTOR;
                if (!afterLetter) {
                    Query q = phraseOrTerm(f.grams(), tokens, boost);
                    if (q != null) {
                        alternatives.add(q);
                    }
                    continue;
                }
                if (tokens.isEmpty() || tokens.get(0).term.length() != PeerAnalysis.MIN_GRAM) {
                    continue;
                }
                MultiPhraseQuery.Builder phrase = new MultiPhraseQuery.Builder();
                Term[] before = new Term[GRAM_ALPHABET.length()];
                for (int i = 0; i < before.length; i++) {
                    before[i] = new Term(f.grams(), GRAM_ALPHABET.charAt(i) + tokens.get(0).term);
                }
                phrase.add(before, 0);
                int first = tokens.get(0).position;
                for (Tok t : tokens) {
                    phrase.add(new Term[] {new Term(f.grams(), t.term)}, t.position - first + 1);
                }
                alternatives.add(new BoostQuery(phrase.build(), boost));
            }
        }

        /** The operand's bigram-analysis terms (bigrams, uncovered single characters, Latin words), as the engine's highlight term set. */
        private void addHighlight(String text) {
            for (Tok t : bigramPhraseTokens(tokens(analyzer, HIGHLIGHT_FIELD, text))) {
                if (highlighted.add(t.term)) {
                    highlight.add(new TermQuery(new Term(HIGHLIGHT_FIELD, t.term)), Occur.SHOULD);
                }
            }
        }
    }

    private static boolean insideWordRun(String run, boolean edgeOfMixedWord, Match match) {
        if (match == Match.EXACT) {
            return false;
        }
        int longest = 0;
        int current = 0;
        for (int i = 0; i < run.length(); i++) {
            current = Character.isLetterOrDigit(run.charAt(i)) ? current + 1 : 0;
            longest = Math.max(longest, current);
        }
        if (edgeOfMixedWord) {
            return longest >= PeerAnalysis.MIN_GRAM;
        }
        return isPlainWord(run) ? run.length() >= 6 : longest >= PeerAnalysis.MAX_GRAM;
    }

    private static boolean isPlainWord(String run) {
        for (int i = 0; i < run.length(); i++) {
            if (!Character.isLetter(run.charAt(i))) {
                return false;
            }
            if (i > 0 && Character.isUpperCase(run.charAt(i)) && !Character.isUpperCase(run.charAt(i - 1))) {
                return false;
            }
        }
        return !run.isEmpty();
    }

    private static Query boost(Query q, float boost) {
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    private static Query orOf(List<Query> alternatives) {
        if (alternatives.isEmpty()) {
            return null;
        }
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        BooleanQuery.Builder or = new BooleanQuery.Builder();
        for (Query q : alternatives) {
            or.add(q, Occur.SHOULD);
        }
        return or.build();
    }

    /** Runs of CJK characters (second element non-null) and of other text, as the engine's ScriptRuns. */
    static List<String[]> scriptRuns(String word) {
        List<String[]> runs = new ArrayList<>();
        int start = 0;
        Boolean current = null;
        int i = 0;
        while (i < word.length()) {
            int cp = word.codePointAt(i);
            boolean cjk = PeerAnalysis.isCjk(cp);
            if (current != null && current != cjk) {
                runs.add(new String[] {word.substring(start, i), current ? "cjk" : null});
                start = i;
            }
            current = cjk;
            i += Character.charCount(cp);
        }
        if (current != null && start < word.length()) {
            runs.add(new String[] {word.substring(start), current ? "cjk" : null});
        }
        return runs;
    }

    /** A token with its absolute position and type. */
    static final class Tok {
        final String term;
        final int position;
        final String type;

        Tok(String term, int position, String type) {
            this.term = term;
            this.position = position;
            this.type = type;
        }
    }

    static List<Tok> tokens(Analyzer analyzer, String field, String text) {
        List<Tok> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Tok(term.toString(), Math.max(position, 0), type.type()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** Bigrams, and the single characters and other words no bigram covers (stacked unigrams dropped). */
    static List<Tok> bigramPhraseTokens(List<Tok> tokens) {
        Set<Integer> bigramStarts = new HashSet<>();
        for (Tok t : tokens) {
            if ("<DOUBLE>".equals(t.type)) {
                bigramStarts.add(t.position);
            }
        }
        List<Tok> kept = new ArrayList<>(tokens.size());
        for (Tok t : tokens) {
            if (!"<SINGLE>".equals(t.type) || !(bigramStarts.contains(t.position) || bigramStarts.contains(t.position - 1))) {
                kept.add(t);
            }
        }
        return kept;
    }

    static Query phraseOrTerm(String field, List<Tok> tokens, float boost) {
        if (tokens.isEmpty()) {
            return null;
        }
        if (tokens.size() == 1) {
            return boost(new TermQuery(new Term(field, tokens.get(0).term)), boost);
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = tokens.get(0).position;
        for (Tok t : tokens) {
            phrase.add(new Term(field, t.term), t.position - first);
        }
        return boost(phrase.build(), boost);
    }

    /** For --show: counts of requests by kind. */
    static Map<String, Integer> kinds(List<Request> requests) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (Request r : requests) {
            kinds.merge(r.kind, 1, Integer::sum);
        }
        return kinds;
    }
}
