using System.Collections.Frozen;

namespace Search.Ingestion.Normalization;

/// <summary>Language names and codes as partners write them, to ISO 639-2/B ("chi", "eng").</summary>
public static class Languages
{
    // ISO 639-1, ISO 639-2/T and English/Chinese names of the languages our partners use, to 639-2/B.
    private static readonly FrozenDictionary<string, string> ToBibliographic = Build();

    /// <summary>
    /// "zh", "zho", "chi", "Chinese", "中文", "汉语", "zh-CN" -> "chi"; "en", "English", "英文" -> "eng";
    /// other common ISO 639-1 and 639-2/T codes to their 639-2/B form. Unknown or undetermined -> null.
    /// </summary>
    public static string? ToIso6392B(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All).ToLowerInvariant();
        if (text.Length == 0)
        {
            return null;
        }

        if (ToBibliographic.TryGetValue(text, out var code))
        {
            return code;
        }

        // Language tags: "zh-CN", "en_US", "zh-Hans".
        var primary = text.Split('-', '_', ' ')[0];
        return ToBibliographic.GetValueOrDefault(primary);
    }

    private static FrozenDictionary<string, string> Build()
    {
        // b code, then its other spellings: 639-1, 639-2/T, names.
        string[][] rows =
        [
            ["chi", "zh", "zho", "chinese", "中文", "汉语", "漢語", "中文简体", "简体中文", "繁体中文", "汉文", "cn"], // "cn" is a country code, but Chinese partners write it for the language.
            ["eng", "en", "english", "英文", "英语", "英語"],
            ["jpn", "ja", "japanese", "日文", "日语", "日語"],
            ["kor", "ko", "korean", "韩文", "朝鲜文", "韩语"],
            ["rus", "ru", "russian", "俄文", "俄语"],
            ["ger", "de", "deu", "german", "德文", "德语"],
            ["fre", "fr", "fra", "french", "法文", "法语"],
            ["spa", "es", "spanish", "西班牙文", "西班牙语"],
            ["ita", "it", "italian", "意大利文"],
            ["por", "pt", "portuguese", "葡萄牙文"],
            ["dut", "nl", "nld", "dutch"],
            ["ara", "ar", "arabic", "阿拉伯文"],
            ["hin", "hi", "hindi"],
            ["vie", "vi", "vietnamese", "越南文"],
            ["tha", "th", "thai", "泰文"],
            ["may", "ms", "msa", "malay"],
            ["ind", "id", "indonesian"],
            ["tib", "bo", "bod", "tibetan", "藏文", "藏语"],
            ["mon", "mn", "mongolian", "蒙古文", "蒙文"],
            ["uig", "ug", "uighur", "uyghur", "维吾尔文"],
            ["lat", "la", "latin", "拉丁文"],
            ["gre", "el", "ell", "greek"],
            ["pol", "pl", "polish"],
            ["cze", "cs", "ces", "czech"],
            ["slo", "sk", "slk", "slovak"],
            ["hun", "hu", "hungarian"],
            ["rum", "ro", "ron", "romanian"],
            ["bul", "bg", "bulgarian"],
            ["ukr", "uk", "ukrainian"],
            ["swe", "sv", "swedish"],
            ["nor", "no", "norwegian"],
            ["dan", "da", "danish"],
            ["fin", "fi", "finnish"],
            ["tur", "tr", "turkish"],
            ["per", "fa", "fas", "persian"],
            ["heb", "he", "hebrew"],
            ["arm", "hy", "hye", "armenian"],
            ["geo", "ka", "kat", "georgian"],
            ["ice", "is", "isl", "icelandic"],
            ["wel", "cy", "cym", "welsh"],
            ["baq", "eu", "eus", "basque"],
            ["alb", "sq", "sqi", "albanian"],
            ["mac", "mk", "mkd", "macedonian"],
            ["bur", "my", "mya", "burmese"],
            ["cat", "ca", "catalan"],
            ["hrv", "hr", "croatian"],
            ["srp", "sr", "serbian"],
            ["slv", "sl", "slovenian"],
            ["est", "et", "estonian"],
            ["lav", "lv", "latvian"],
            ["lit", "lt", "lithuanian"],
            ["epo", "eo", "esperanto"],
        ];

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var spelling in row)
            {
                map[spelling] = row[0];
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
