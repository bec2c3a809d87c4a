using System.Text;
using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// English glosses of Chinese terms, as Chinese abstracts write them: 支持向量机(support vector machine, SVM).
/// A term's gloss is a pure function of the term (the same term is always glossed the same way): English words of
/// the samples, now and then a new word of the English character model, and the initials as acronym. New terms
/// bring new acronyms and words, so the Latin vocabulary grows with the corpus as in real abstracts.
/// </summary>
internal sealed class Glosses
{
    private readonly ulong _seed;
    private readonly string[] _words;
    private readonly CharModel _novel;

    public Glosses(ulong seed, IEnumerable<string> words, CharModel novel)
    {
        _seed = seed;
        _words = [.. words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _novel = novel;
    }

    public int Words => _words.Length;

    /// <summary>The gloss of a term, and its parts (for the vocabulary count).</summary>
    public string Of(string term, List<string> parts)
    {
        var rng = new Rng(Hashing.Mix(_seed, Hashing.Of(term)));
        var count = rng.NextDouble() switch { < 0.2 => 1, < 0.7 => 2, _ => 3 };
        var acronym = new StringBuilder(4);
        var start = parts.Count;
        for (var i = 0; i < count; i++)
        {
            var word = rng.Chance(0.35) || _words.Length == 0
                ? _novel.Generate(rng, 4, 10)
                : _words[(int)(rng.ZipfRank(1.2, 50) % _words.Length)];
            if (word.Length == 0)
            {
                continue;
            }

            parts.Add(word);
            acronym.Append(char.ToUpperInvariant(word[0]));
            if (count == 1)
            {
                acronym.Append(char.ToUpperInvariant(word[Math.Min(1, word.Length - 1)]));
                acronym.Append(char.ToUpperInvariant(word[^1]));
            }
        }

        var words = string.Join(' ', parts.Skip(start));
        var form = rng.NextDouble();
        if (form < 0.3 || words.Length == 0)
        {
            parts.RemoveRange(start, parts.Count - start);
            parts.Add(acronym.ToString());
            return acronym.ToString();
        }

        if (form < 0.7)
        {
            parts.Add(acronym.ToString());
            return words + ", " + acronym;
        }

        return words;
    }
}
