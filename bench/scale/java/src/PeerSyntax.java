import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three query languages of the engine, reduced to what the benchmark's query mix needs:
 * the box (words ANDed, "phrases", OR, NOT and a leading minus), CNKI expert expressions
 * ({@code SU=(大数据+云计算)*TI=平台-KY=区块链}: fields, = exact, % fuzzy, * + - and AND OR NOT, parentheses)
 * and CQL (index relation term, and/or/not/prox, parentheses). Errors throw IllegalArgumentException.
 */
final class PeerSyntax {
    private PeerSyntax() {
    }

    // ---- The box -----------------------------------------------------------------------------------------------

    private static boolean isQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\uFF02';
    }

    private static final class BoxToken {
        final String text;
        final boolean quoted;
        boolean negated;

        BoxToken(String text, boolean quoted, boolean negated) {
            this.text = text;
            this.quoted = quoted;
            this.negated = negated;
        }
    }

    static PeerQueries.Node box(String box) {
        String text = box == null ? "" : box;
        if (text.length() > 2000) {
            text = text.substring(0, Character.isHighSurrogate(text.charAt(1999)) ? 1999 : 2000);
        }
        List<BoxToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            boolean negated = false;
            char c = text.charAt(i);
            if ((c == '-' || c == '\uFF0D') && i + 1 < text.length()
                && (Character.isLetter(text.charAt(i + 1)) || Character.isSurrogate(text.charAt(i + 1)) || isQuote(text.charAt(i + 1)))) {
                negated = true;
                i++;
            }
            if (isQuote(text.charAt(i))) {
                i++;
                int start = i;
                while (i < text.length() && !isQuote(text.charAt(i))) {
                    i++;
                }
                String phrase = text.substring(start, i).trim();
                i = Math.min(i + 1, text.length());
                if (!phrase.isEmpty()) {
                    tokens.add(new BoxToken(phrase, true, negated));
                }
                continue;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && !isQuote(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(new BoxToken(text.substring(start, i), false, negated));
            }
        }
        if (tokens.size() == 1 && tokens.get(0).negated && !tokens.get(0).quoted && looksLikeFragment(tokens.get(0).text)) {
            tokens.get(0).negated = false;
        }

        List<List<BoxToken>> positives = new ArrayList<>();
        List<BoxToken> negatives = new ArrayList<>();
        List<BoxToken> orGroup = null;
        boolean pendingOr = false;
        boolean pendingNot = false;
        for (BoxToken t : tokens) {
            boolean plain = !t.quoted && !t.negated;
            if (plain && (t.text.equals("OR") || t.text.equals("||"))) {
                pendingOr = orGroup != null;
                continue;
            }
            if (plain && t.text.equals("NOT")) {
                pendingNot = true;
                pendingOr = false;
                continue;
            }
            if (plain && (t.text.equals("AND") || t.text.equals("&&"))) {
                continue;
            }
            if (t.negated || pendingNot) {
                negatives.add(t);
                orGroup = null;
            } else if (pendingOr && orGroup != null) {
                orGroup.add(t);
            } else {
                orGroup = new ArrayList<>();
                orGroup.add(t);
                positives.add(orGroup);
            }
            pendingNot = false;
            pendingOr = false;
        }
        List<PeerQueries.Node> include = new ArrayList<>();
        for (List<BoxToken> group : positives) {
            List<PeerQueries.Node> operands = new ArrayList<>();
            for (BoxToken t : group) {
                operands.add(boxTerm(t));
            }
            include.add(PeerQueries.or(operands));
        }
        PeerQueries.Node all = PeerQueries.and(include);
        if (negatives.isEmpty()) {
            return all;
        }
        List<PeerQueries.Node> exclude = new ArrayList<>();
        for (BoxToken t : negatives) {
            exclude.add(boxTerm(t));
        }
        return new PeerQueries.NotNode(all, PeerQueries.or(exclude));
    }

    private static PeerQueries.Node boxTerm(BoxToken t) {
        return new PeerQueries.TermNode(PeerQueries.ANY, t.text, t.quoted ? PeerQueries.Match.PHRASE : PeerQueries.Match.WORDS);
    }

    private static boolean looksLikeFragment(String word) {
        if (word.length() > 4) {
            return true;
        }
        boolean cjk = false;
        boolean other = false;
        for (String[] run : PeerQueries.scriptRuns(word)) {
            if (run[1] != null) {
                cjk = true;
            } else if (run[0].chars().anyMatch(Character::isLetterOrDigit)) {
                other = true;
            }
        }
        return cjk && other;
    }

    // ---- Expert expressions ------------------------------------------------------------------------------------

    private enum K { FIELD, EXACT, FUZZY, AND, OR, NOT, OPEN, CLOSE, TERM, PHRASE, END }

    private static final class Tk {
        final K kind;
        final String text;

        Tk(K kind, String text) {
            this.kind = kind;
            this.text = text;
        }
    }

    private static char halfWidth(char c) {
        switch (c) {
            case '（': return '(';
            case '）': return ')';
            case '＊': return '*';
            case '＋': return '+';
            case '－': return '-';
            case '＝': return '=';
            case '％': return '%';
            default: return c;
        }
    }

    private static boolean isExpertOperator(char c) {
        return c == '(' || c == ')' || c == '*' || c == '+' || c == '-' || c == '=' || c == '%';
    }

    private static boolean isExpertQuote(char c) {
        return c == '\'' || c == '"' || c == '\u2018' || c == '\u2019' || c == '\u201C' || c == '\u201D';
    }

    private static List<Tk> expertTokens(String raw) {
        StringBuilder folded = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            folded.append(halfWidth(raw.charAt(i)));
        }
        String text = folded.toString();
        List<Tk> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (isExpertQuote(c)) {
                int start = ++i;
                while (i < text.length() && !isExpertQuote(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Tk(K.PHRASE, text.substring(start, i)));
                i = Math.min(i + 1, text.length());
                continue;
            }
            if (isExpertOperator(c)) {
                K kind = c == '(' ? K.OPEN : c == ')' ? K.CLOSE : c == '*' ? K.AND : c == '+' ? K.OR : c == '-' ? K.NOT : c == '=' ? K.EXACT : K.FUZZY;
                tokens.add(new Tk(kind, String.valueOf(c)));
                i++;
                continue;
            }
            int start = i;
            while (i < text.length()) {
                char d = text.charAt(i);
                if (Character.isWhitespace(d) || isExpertQuote(d)) {
                    break;
                }
                // A hyphen between letters or digits belongs to the term (COVID-19, GB-T).
                boolean innerHyphen = d == '-' && i > start && i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) < 128
                    && Character.isLetterOrDigit(text.charAt(i + 1)) && text.charAt(i + 1) < 128;
                if (isExpertOperator(d) && !innerHyphen) {
                    break;
                }
                i++;
            }
            String word = text.substring(start, i);
            int next = i;
            while (next < text.length() && text.charAt(next) == ' ') {
                next++;
            }
            boolean fieldFollows = next < text.length() && (text.charAt(next) == '=' || text.charAt(next) == '%');
            if (fieldFollows && PeerQueries.field(word) != null) {
                tokens.add(new Tk(K.FIELD, word));
            } else if (word.equals("AND")) {
                tokens.add(new Tk(K.AND, word));
            } else if (word.equals("OR")) {
                tokens.add(new Tk(K.OR, word));
            } else if (word.equals("NOT")) {
                tokens.add(new Tk(K.NOT, word));
            } else {
                tokens.add(new Tk(K.TERM, word));
            }
        }
        tokens.add(new Tk(K.END, ""));
        return tokens;
    }

    static PeerQueries.Node expert(String expression) {
        Expert parser = new Expert(expertTokens(expression));
        PeerQueries.Node node = parser.or(null, PeerQueries.Match.WORDS);
        if (parser.peek().kind != K.END) {
            throw new IllegalArgumentException("expert: unexpected '" + parser.peek().text + "'");
        }
        return node;
    }

    private static final class Expert {
        private final List<Tk> tokens;
        private int at;

        Expert(List<Tk> tokens) {
            this.tokens = tokens;
        }

        Tk peek() {
            return tokens.get(at);
        }

        PeerQueries.Node or(PeerQueries.SField field, PeerQueries.Match match) {
            List<PeerQueries.Node> any = new ArrayList<>();
            any.add(and(field, match));
            while (peek().kind == K.OR) {
                at++;
                any.add(and(field, match));
            }
            return PeerQueries.or(any);
        }

        PeerQueries.Node and(PeerQueries.SField field, PeerQueries.Match match) {
            PeerQueries.Node left = unary(field, match);
            while (peek().kind == K.AND || peek().kind == K.NOT) {
                boolean not = tokens.get(at++).kind == K.NOT;
                PeerQueries.Node right = unary(field, match);
                left = not ? new PeerQueries.NotNode(left, right) : PeerQueries.and(new ArrayList<>(List.of(left, right)));
            }
            return left;
        }

        PeerQueries.Node unary(PeerQueries.SField field, PeerQueries.Match match) {
            Tk token = tokens.get(at++);
            switch (token.kind) {
                case OPEN: {
                    PeerQueries.Node inner = or(field, match);
                    if (peek().kind != K.CLOSE) {
                        throw new IllegalArgumentException("expert: missing ')'");
                    }
                    at++;
                    return inner;
                }
                case FIELD: {
                    if (field != null) {
                        throw new IllegalArgumentException("expert: field inside a field's value");
                    }
                    PeerQueries.SField named = PeerQueries.field(token.text);
                    Tk relation = tokens.get(at++);
                    PeerQueries.Match m = relation.kind == K.FUZZY ? PeerQueries.Match.FUZZY : PeerQueries.Match.EXACT;
                    return unary(named, m);
                }
                case TERM:
                    return new PeerQueries.TermNode(field == null ? PeerQueries.ANY : field, token.text, match);
                case PHRASE:
                    return new PeerQueries.TermNode(field == null ? PeerQueries.ANY : field, token.text, PeerQueries.Match.PHRASE);
                default:
                    throw new IllegalArgumentException("expert: expected a field or a term but found '" + token.text + "'");
            }
        }
    }

    // ---- CQL ---------------------------------------------------------------------------------------------------

    private static final List<String> RELATIONS = List.of(
        "==", "<>", "<=", ">=", "=", "<", ">", "adj", "any", "all", "exact", "within", "scr",
        "cql.adj", "cql.any", "cql.all", "cql.exact", "cql.within");

    static PeerQueries.Node cql(String query) {
        Cql parser = new Cql(cqlTokens(query));
        PeerQueries.Node node = parser.query();
        if (parser.at < parser.tokens.size()) {
            throw new IllegalArgumentException("cql: unexpected '" + parser.tokens.get(parser.at)[0] + "'");
        }
        return node;
    }

    /** Tokens as {text, "q"} for a quoted string, {text, null} otherwise; relation symbols and parentheses apart. */
    private static List<String[]> cqlTokens(String text) {
        List<String[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    s.append(text.charAt(i++));
                }
                i++;
                tokens.add(new String[] {s.toString(), "q"});
            } else if (c == '(' || c == ')' || c == '/') {
                tokens.add(new String[] {String.valueOf(c), null});
                i++;
            } else if (c == '=' || c == '<' || c == '>') {
                int start = i++;
                while (i < text.length() && (text.charAt(i) == '=' || text.charAt(i) == '>')) {
                    i++;
                }
                tokens.add(new String[] {text.substring(start, i), null});
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()\"=<>/".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new String[] {text.substring(start, i), null});
            }
        }
        return tokens;
    }

    private static final class Cql {
        final List<String[]> tokens;
        int at;

        Cql(List<String[]> tokens) {
            this.tokens = tokens;
        }

        private String peekWord() {
            return at < tokens.size() && tokens.get(at)[1] == null ? tokens.get(at)[0].toLowerCase(Locale.ROOT) : null;
        }

        private void skipModifiers() {
            while (at < tokens.size() && tokens.get(at)[1] == null && tokens.get(at)[0].equals("/")) {
                at += 2;
                if (at < tokens.size() && tokens.get(at)[1] == null && tokens.get(at)[0].matches("[=<>]+")) {
                    at += 2;
                }
            }
        }

        PeerQueries.Node query() {
            PeerQueries.Node left = clause();
            while (true) {
                String bool = peekWord();
                if (bool == null || !(bool.equals("and") || bool.equals("or") || bool.equals("not") || bool.equals("prox"))) {
                    return left;
                }
                at++;
                skipModifiers();
                PeerQueries.Node right = clause();
                if (bool.equals("or")) {
                    left = PeerQueries.or(new ArrayList<>(List.of(left, right)));
                } else if (bool.equals("not")) {
                    left = new PeerQueries.NotNode(left, right);
                } else {
                    left = PeerQueries.and(new ArrayList<>(List.of(left, right)));
                }
            }
        }

        PeerQueries.Node clause() {
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("cql: missing a search term");
            }
            if ("(".equals(peekWord())) {
                at++;
                PeerQueries.Node inner = query();
                if (!")".equals(peekWord())) {
                    throw new IllegalArgumentException("cql: missing ')'");
                }
                at++;
                return inner;
            }
            String index = "cql.serverChoice";
            String relation = "=";
            if (at + 1 < tokens.size() && tokens.get(at)[1] == null && tokens.get(at + 1)[1] == null
                && RELATIONS.contains(tokens.get(at + 1)[0].toLowerCase(Locale.ROOT))) {
                index = tokens.get(at)[0];
                relation = tokens.get(at + 1)[0].toLowerCase(Locale.ROOT);
                at += 2;
                skipModifiers();
            }
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("cql: missing a term after " + index + " " + relation);
            }
            String term = tokens.get(at++)[0];
            return searchClause(index, relation, term);
        }

        private PeerQueries.Node searchClause(String index, String relation, String term) {
            int dot = index.lastIndexOf('.');
            PeerQueries.SField field = PeerQueries.field(dot >= 0 ? index.substring(dot + 1) : index);
            if (field == null) {
                throw new IllegalArgumentException("cql: unsupported index '" + index + "'");
            }
            String rel = relation.startsWith("cql.") ? relation.substring(4) : relation;
            if (field.kind == PeerQueries.Kind.YEAR) {
                String[] parts = term.trim().split("[ -]+");
                int first = Integer.parseInt(parts[0]);
                switch (rel) {
                    case "<": return new PeerQueries.YearNode(null, first - 1);
                    case "<=": return new PeerQueries.YearNode(null, first);
                    case ">": return new PeerQueries.YearNode(first + 1, null);
                    case ">=": return new PeerQueries.YearNode(first, null);
                    case "<>": return new PeerQueries.NotNode(null, new PeerQueries.YearNode(first, first));
                    default:
                        if (parts.length == 2) {
                            int second = Integer.parseInt(parts[1]);
                            return new PeerQueries.YearNode(Math.min(first, second), Math.max(first, second));
                        }
                        return new PeerQueries.YearNode(first, first);
                }
            }
            String[] words = term.trim().split("\\s+");
            switch (rel) {
                case "any": {
                    List<PeerQueries.Node> any = new ArrayList<>();
                    for (String w : words) {
                        any.add(new PeerQueries.TermNode(field, w, PeerQueries.Match.WORDS));
                    }
                    return PeerQueries.or(any);
                }
                case "all": {
                    List<PeerQueries.Node> all = new ArrayList<>();
                    for (String w : words) {
                        all.add(new PeerQueries.TermNode(field, w, PeerQueries.Match.WORDS));
                    }
                    return PeerQueries.and(all);
                }
                case "==":
                case "exact":
                    return new PeerQueries.TermNode(field, term, PeerQueries.Match.PHRASE);
                case "<>":
                    return new PeerQueries.NotNode(null, new PeerQueries.TermNode(field, term, PeerQueries.Match.PHRASE));
                default:
                    return new PeerQueries.TermNode(field, term, words.length > 1 ? PeerQueries.Match.PHRASE : PeerQueries.Match.WORDS);
            }
        }
    }
}
