using System.Text;
using System.Xml.Linq;

namespace Search.Indexer.Tests.SmartCn;

/// <summary>The texts the fast SmartCn analyzer is compared on: the sample corpora of tests/TestData and made-up edge cases.</summary>
internal static class EquivalenceTexts
{
    private static string DataDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData");

    /// <summary>Every title, abstract and keyword of the CSL sample.</summary>
    public static IEnumerable<string> Csl()
    {
        foreach (var record in CslCorpus.Records)
        {
            yield return record.Title;
            if (record.Abstract is not null)
            {
                yield return record.Abstract;
            }

            foreach (var keyword in record.Keywords)
            {
                yield return keyword;
            }
        }
    }

    /// <summary>
    /// The standards (HTML), patent, MARC and OAI-DC samples: each file whole (markup, newlines and all,
    /// mostly longer than SmartCn's 1024-character buffer) and each of its text nodes.
    /// </summary>
    public static IEnumerable<string> Samples()
    {
        foreach (var folder in new[] { "standards", "patent-xml", "marc", "oai-dc" })
        {
            var directory = Path.Combine(DataDirectory, folder);
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var whole = File.ReadAllText(file);
                yield return whole;
                if (!file.EndsWith(".xml", StringComparison.Ordinal))
                {
                    continue;
                }

                XDocument document;
                try
                {
                    document = XDocument.Parse(whole);
                }
                catch (System.Xml.XmlException)
                {
                    continue;
                }

                foreach (var node in document.DescendantNodes().OfType<XText>())
                {
                    if (!string.IsNullOrWhiteSpace(node.Value))
                    {
                        yield return node.Value;
                    }
                }
            }
        }
    }

    /// <summary>Hand-made corners: character classes, widths, surrogates, sentence ends, buffer boundaries.</summary>
    public static IEnumerable<string> EdgeCases()
    {
        yield return "";
        yield return " ";
        yield return "\u3000\t\r\n";
        yield return "。";
        yield return "，。、；：？！…—“”《》（）【】";
        yield return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        yield return "湖北省科技信息研究院的文献检索平台";
        yield return "采用修正的Rodrigues参数(MRP),建立了飞行器姿态控制系统的数学模型；利用刚体姿态动力学方程。";
        yield return "p38MAPK对Ti6Al4V合金的影响研究 2019年第3期 COVID-19 SARS-CoV-2";
        yield return "ＬＥＤ照明，节能ＡＢＣ１２３ａｂｃ　全角空格０９８";
        yield return "Ｒｏｄｒｉｇｕｅｓ参数ＭＲＰ和ｍｉｘｅｄＣａｓｅ与LED混合ＬＥＤs";
        yield return "１２３45６７８9０ 3.14 ３．１４ 1,000 二〇一九年";
        yield return "𠀀𠀁𪚥是扩展B区汉字，😀表情🎉符号，𝐀数学字母";
        yield return "\uD840半个代理\uDC00孤立";
        yield return "㐀㐁扩展A区，龦龻超出范围，〇零，々々";
        yield return "Ωα希腊字母βγ，Кириллица西里尔，ひらがなカタカナ日文";
        yield return "He said \"Running dogs are running.\" Then he ran. Mr. Smith went to Washington D.C. in 1999.";
        yield return "第一句。第二句！第三句？第四句；第五句…第六句\n第七句\r\n第八句\u2028第九句\u2029第十句\u0085完";
        yield return "中 国 科 学 院 计 算 技 术 研 究 所";
        yield return "中\u3000国\t科\n学院";
        yield return "研究研究研究研究";
        yield return "的的的的的的的的的的的的";
        yield return "a";
        yield return "中";
        yield return "A";
        yield return "Ⅰ型Ⅱ型Ⅲ型糖尿病，①②③，℃，±5%，×÷≈≤≥";
        yield return "The effects of running, jumps and swimming on cats' abilities: a generalization";
        yield return "fig.1 ，Fig. 2. Table 3.";
        yield return "C++和C#以及.NET与Node.js";
        yield return "www.example.com/path?q=中文&x=1 user@example.org";

        var abstracts = CslCorpus.Records.Select(r => r.Abstract).OfType<string>().Take(60).ToList();
        var joined = string.Concat(abstracts);
        yield return joined;
        yield return string.Join("\n", abstracts);

        // Runs without punctuation or line breaks: sentences as long as SmartCn's buffer, cut where the buffer ends.
        var hanzi = new StringBuilder();
        foreach (var c in joined)
        {
            if (c is >= '\u4E00' and <= '\u9FA5')
            {
                hanzi.Append(c);
            }
        }

        yield return hanzi.ToString(0, Math.Min(hanzi.Length, 1023));
        yield return hanzi.ToString(0, Math.Min(hanzi.Length, 1024));
        yield return hanzi.ToString(0, Math.Min(hanzi.Length, 1025));
        yield return hanzi.ToString(0, Math.Min(hanzi.Length, 2049));
        yield return hanzi.ToString(0, Math.Min(hanzi.Length, 12000));
        yield return new string('中', 3000);
        yield return string.Concat(Enumerable.Repeat("abc", 1500));
        yield return string.Concat(Enumerable.Repeat("1234567890", 1100));
        yield return string.Concat(Enumerable.Repeat("ａ", 1100)) + "中文";
        yield return new string(' ', 2000) + "中文" + new string('\u3000', 2000);
        yield return string.Concat(Enumerable.Repeat("，", 3000));
        yield return string.Concat(Enumerable.Repeat("😀", 700));

        // A line break right around the buffer's end, so part of the buffer is carried over.
        for (var at = 1015; at <= 1030; at += 3)
        {
            yield return hanzi.ToString(0, at) + "\n" + hanzi.ToString(at, Math.Min(1500, hanzi.Length - at));
        }

        var long10k = new StringBuilder();
        while (long10k.Length < 10500)
        {
            long10k.Append(joined);
        }

        yield return long10k.ToString(0, 10500);
    }

    /// <summary>Random mixes of every character class SmartCn tells apart (fixed seed).</summary>
    public static IEnumerable<string> Random(int count, int seed)
    {
        var random = new Random(seed);
        var common = CslCorpus.Records.Take(200).SelectMany(r => r.Title).Where(c => c is >= '\u4E00' and <= '\u9FA5').Distinct().ToArray();
        string[] pieces =
        [
            " ", "\u3000", "\t", "\n", "\r\n", "\u2028", "。", "！", "？", "，", "、", "；", "：", ".", ". ", "? ", "!", ",", "…", "“", "”", "(", ")",
            "《", "》", "-", "——", "/", "a", "Z", "abc", "DNA", "Ａ", "ｚ", "ＡＢＣ", "0", "42", "３", "２０１９", "3.5", "%", "℃", "Ⅱ", "①", "α", "Я",
            "の", "ア", "㐀", "龦", "〇", "々", "𠀀", "😀", "\uD800", "\uDFFF", "\u0085", "\u00A0", "\u00BB", "\u00BC", "\uFE30", "\uFF63", "\uFF64",
            "\u2010", "\u2642", "\u2643", "\u3001", "\u301E", "\u301F", "Mr. ", "U.S. ", "e.g. ",
        ];
        for (var n = 0; n < count; n++)
        {
            var length = random.Next(1, 1600);
            var sb = new StringBuilder(length + 8);
            while (sb.Length < length)
            {
                if (random.Next(3) != 0)
                {
                    var run = random.Next(1, 12);
                    for (var k = 0; k < run; k++)
                    {
                        sb.Append(common[random.Next(common.Length)]);
                    }
                }
                else
                {
                    sb.Append(pieces[random.Next(pieces.Length)]);
                }
            }

            yield return sb.ToString();
        }
    }
}
