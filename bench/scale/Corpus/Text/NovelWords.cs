using System.Text;
using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// Makes the terms past the real vocabulary, each a pure function of (seed, discipline, rank): compounds of a
/// discipline's own terms with a common head (飞行器 + 控制器), words of the character model (new plausible terms),
/// and Latin acronyms and codes. Candidates that already exist in the real vocabulary are tried again.
/// </summary>
internal sealed class NovelWords
{
    private const ulong ContentStream = 0xC0_4E_7E_47;
    private const ulong KeywordStream = 0x6B_65_79_77;

    private readonly ulong _seed;
    private readonly bool _english;
    private readonly CharModel _words;
    private readonly CharModel _latin;
    private readonly Weighted<string> _heads;
    private readonly Weighted<string>?[] _disciplineHeads;
    private readonly string[][] _modifiers;
    private readonly string[] _globalModifiers;
    private readonly HashSet<string> _known;

    public NovelWords(
        ulong seed,
        bool english,
        CharModel words,
        CharModel latin,
        Weighted<string> heads,
        Weighted<string>?[] disciplineHeads,
        string[][] modifiers,
        string[] globalModifiers,
        HashSet<string> known)
    {
        _seed = seed;
        _english = english;
        _words = words;
        _latin = latin;
        _heads = heads;
        _disciplineHeads = disciplineHeads;
        _modifiers = modifiers;
        _globalModifiers = globalModifiers;
        _known = known;
    }

    public string Content(int discipline, long rank)
    {
        var rng = Rng.For(_seed, ContentStream, ((ulong)(uint)discipline << 44) ^ (ulong)rank);
        for (var attempt = 0; ; attempt++)
        {
            var roll = rng.NextDouble();
            var word = _english
                ? roll < 0.5 ? _words.Generate(rng, 4, 12) : roll < 0.85 ? Compound(rng, discipline, " ") : Acronym(rng)
                : roll < 0.5 ? Compound(rng, discipline, "") : roll < 0.88 ? _words.Generate(rng, 3, 6) : LatinCode(rng);
            if (attempt >= 4 || (word.Length >= 2 && !_known.Contains(word)))
            {
                return word.Length == 0 ? "x" + rank : word;
            }
        }
    }

    public string Keyword(int discipline, long rank)
    {
        var rng = Rng.For(_seed, KeywordStream, ((ulong)(uint)discipline << 44) ^ (ulong)rank);
        for (var attempt = 0; ; attempt++)
        {
            var roll = rng.NextDouble();
            string word;
            if (_english)
            {
                word = roll < 0.7 ? Compound(rng, discipline, " ") : roll < 0.9 ? _words.Generate(rng, 5, 14) : Acronym(rng);
            }
            else if (roll < 0.5)
            {
                word = Compound(rng, discipline, "");
            }
            else if (roll < 0.7)
            {
                word = Modifier(rng, discipline) + Modifier(rng, discipline);
            }
            else if (roll < 0.85)
            {
                word = _words.Generate(rng, 3, 7);
            }
            else
            {
                word = LatinCode(rng) + (rng.Chance(0.6) ? Head(rng, discipline) : "");
            }

            if (word.Length > 16)
            {
                word = word[..16];
            }

            if (attempt >= 4 || (word.Length >= 2 && !_known.Contains(word)))
            {
                return word.Length == 0 ? "k" + rank : word;
            }
        }
    }

    private string Compound(Rng rng, int discipline, string separator)
    {
        var modifier = Modifier(rng, discipline);
        for (var i = 0; i < 4; i++)
        {
            var head = Head(rng, discipline);
            if (!modifier.EndsWith(head, StringComparison.Ordinal) && !head.StartsWith(modifier, StringComparison.Ordinal))
            {
                return modifier + separator + head;
            }
        }

        return modifier + separator + _words.Generate(rng, 2, 4);
    }

    /// <summary>A modifier of the discipline (now and then of any), nearly uniform over the discipline's terms.</summary>
    private string Modifier(Rng rng, int discipline)
    {
        var list = discipline >= 0 && discipline < _modifiers.Length && _modifiers[discipline].Length > 0 && rng.Chance(0.95)
            ? _modifiers[discipline]
            : _globalModifiers;
        return list[(int)(rng.ZipfRank(1.1, 40) % list.Length)];
    }

    /// <summary>A head word of the discipline's terms (now and then of any discipline), by frequency.</summary>
    private string Head(Rng rng, int discipline) =>
        discipline >= 0 && discipline < _disciplineHeads.Length && _disciplineHeads[discipline] is { } own && rng.Chance(0.85)
            ? own.Pick(rng)
            : _heads.Pick(rng);

    private string LatinCode(Rng rng)
    {
        var word = _latin.IsEmpty ? Acronym(rng) : _latin.Generate(rng, 2, 8);
        if (rng.Chance(0.15))
        {
            word += rng.Between(1, 999).ToString();
        }

        return word;
    }

    private static string Acronym(Rng rng)
    {
        // English initial-letter frequencies, roughly: acronyms start with common word initials.
        const string Letters = "SSSCCCPPPMMMAAATTTDDRRRBBFFEEGGHHIILLNNOOWWUVKJQYZX";
        var length = rng.Between(2, 5);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(Letters[rng.Next(Letters.Length)]);
        }

        return sb.ToString();
    }
}
