using System.Globalization;
using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Catalog;

/// <summary>
/// Personal names. Chinese names: surname by its share of the population, given name of one or two characters
/// from common given-name characters (weights falling with rank). English forms in toneless pinyin in the orders
/// partners use; Western names from the MARC and patent samples.
/// </summary>
internal sealed class People
{
    // The common surnames with their approximate share of the population in percent (Ministry of Public Security
    // household-register ranking, 2020; the top 96 hold about 86%). Rounded; a documented fact, not copied data.
    private const string CommonSurnames =
        "王wang7.12 李li7.00 张zhang6.74 刘liu5.10 陈chen4.61 杨yang3.22 黄huang2.45 赵zhao2.19 吴wu2.08 周zhou2.05 " +
        "徐xu1.67 孙sun1.54 马ma1.45 朱zhu1.38 胡hu1.31 郭guo1.19 何he1.18 林lin1.13 高gao1.12 罗luo1.07 郑zheng1.01 " +
        "梁liang0.98 谢xie0.90 宋song0.86 唐tang0.83 许xu0.80 韩han0.78 冯feng0.75 邓deng0.74 曹cao0.72 彭peng0.70 " +
        "曾zeng0.68 肖xiao0.65 田tian0.63 董dong0.61 袁yuan0.60 潘pan0.59 于yu0.58 蒋jiang0.56 蔡cai0.55 余yu0.54 " +
        "杜du0.53 叶ye0.52 程cheng0.51 苏su0.50 魏wei0.49 吕lv0.48 丁ding0.47 任ren0.46 沈shen0.45 姚yao0.44 卢lu0.43 " +
        "姜jiang0.42 崔cui0.41 钟zhong0.40 谭tan0.39 陆lu0.38 汪wang0.37 范fan0.36 金jin0.35 石shi0.34 廖liao0.33 " +
        "贾jia0.32 夏xia0.31 韦wei0.30 付fu0.29 方fang0.28 白bai0.27 邹zou0.26 孟meng0.25 熊xiong0.24 秦qin0.23 " +
        "邱qiu0.22 江jiang0.21 尹yin0.20 薛xue0.20 闫yan0.19 段duan0.19 雷lei0.18 侯hou0.18 龙long0.17 史shi0.17 " +
        "陶tao0.16 黎li0.16 贺he0.15 顾gu0.15 毛mao0.14 郝hao0.14 龚gong0.13 邵shao0.13 万wan0.12 钱qian0.12 " +
        "严yan0.11 覃qin0.11 武wu0.11 戴dai0.10";

    // Less common surnames sharing the remaining ~14% with weights falling by rank (including compound surnames).
    private const string OtherSurnames =
        "莫mo 孔kong 向xiang 常chang 汤tang 康kang 易yi 乔qiao 赖lai 文wen 施shi 洪hong 辛xin 柴chai 牛niu 温wen " +
        "聂nie 庞pang 翟zhai 葛ge 殷yin 齐qi 岳yue 柳liu 纪ji 包bao 宁ning 涂tu 邢xing 焦jiao 左zuo 符fu 管guan 鲁lu " +
        "章zhang 耿geng 祝zhu 卜bu 蓝lan 单shan 樊fan 关guan 童tong 骆luo 游you 凌ling 尤you 申shen 褚chu 甘gan " +
        "苗miao 艾ai 欧阳ouyang 司马sima 上官shangguan 诸葛zhuge 皇甫huangfu 令狐linghu";

    // Frequent characters of given names, most frequent first (rank-weighted), with toneless pinyin.
    private const string GivenCharacters =
        "伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming 超chao " +
        "秀xiu 霞xia 平ping 刚gang 华hua 玉yu 文wen 建jian 志zhi 国guo 海hai 红hong 春chun 晓xiao 林lin 峰feng 辉hui " +
        "鹏peng 飞fei 宇yu 浩hao 俊jun 博bo 晨chen 雪xue 琳lin 婷ting 慧hui 颖ying 鑫xin 斌bin 波bo 宏hong 云yun 亮liang " +
        "成cheng 龙long 新xin 立li 东dong 振zhen 家jia 永yong 金jin 荣rong 松song 佳jia 欣xin 思si 雨yu 梦meng 子zi " +
        "涵han 怡yi 嘉jia 凯kai 旭xu 阳yang 帆fan 瑞rui 泽ze 睿rui 航hang 晶jing 蕾lei 倩qian 璐lu 丹dan 萍ping 玲ling " +
        "燕yan 琴qin 凤feng 兰lan 梅mei 莉li 淑shu 惠hui 珍zhen 德de 良liang 忠zhong 仁ren 义yi 智zhi 福fu 祥xiang " +
        "安an 庆qing 民min 生sheng 学xue 天tian 元yuan 光guang 世shi 兴xing 长chang 正zheng 卫wei 继ji 宝bao 锋feng " +
        "健jian 铭ming 楠nan 哲zhe 君jun 毅yi 彬bin 捷jie 翔xiang 琦qi 菲fei 媛yuan 露lu 薇wei 洁jie 悦yue 然ran " +
        "轩xuan 昊hao 宁ning 庭ting 威wei 茜qian 方fang 力li 春chun 艺yi 清qing 培pei 科ke 坤kun 晖hui 岩yan 雷lei";

    private readonly Weighted<(string Hanzi, string Pinyin)> _surnames;
    private readonly Weighted<(string Hanzi, string Pinyin)> _given;
    private readonly IReadOnlyList<string> _western;

    public People(IReadOnlyList<string> westernNames)
    {
        var surnames = new List<((string, string), long)>();
        foreach (var entry in CommonSurnames.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (hanzi, pinyin, share) = SplitEntry(entry);
            surnames.Add(((hanzi, pinyin), (long)Math.Round(double.Parse(share, CultureInfo.InvariantCulture) * 10_000)));
        }

        var others = OtherSurnames.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var harmonic = Enumerable.Range(0, others.Length).Sum(r => 1.0 / (r + 3));
        for (var r = 0; r < others.Length; r++)
        {
            var (hanzi, pinyin, _) = SplitEntry(others[r]);
            surnames.Add(((hanzi, pinyin), (long)Math.Round(13.8 * 10_000 / harmonic / (r + 3))));
        }

        _surnames = new Weighted<(string, string)>(surnames);
        var given = GivenCharacters.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _given = new Weighted<(string, string)>(given.Select((g, r) =>
        {
            var (hanzi, pinyin, _) = SplitEntry(g);
            return ((hanzi, pinyin), (long)(100_000 / (r + 8)));
        }));
        _western = westernNames;
    }

    public int WesternNames => _western.Count;

    /// <summary>A Chinese name in characters.</summary>
    public string Hanzi(Rng rng)
    {
        var surname = _surnames.Pick(rng).Hanzi;
        var first = _given.Pick(rng).Hanzi;
        return rng.Chance(0.22) ? surname + first : string.Concat(surname, first, _given.Pick(rng).Hanzi);
    }

    /// <summary>A Chinese name in characters, and the same name in pinyin as "Zhang Weiming".</summary>
    public (string Hanzi, string Pinyin, string Surname, string Given) Chinese(Rng rng)
    {
        var (sh, sp) = _surnames.Pick(rng);
        var (g1h, g1p) = _given.Pick(rng);
        if (rng.Chance(0.22))
        {
            return (sh + g1h, Capital(sp) + " " + Capital(g1p), Capital(sp), Capital(g1p));
        }

        var (g2h, g2p) = _given.Pick(rng);
        var given = Capital(g1p) + (g2p[0] is 'a' or 'e' or 'o' ? "'" : "") + g2p;
        return (sh + g1h + g2h, Capital(sp) + " " + given, Capital(sp), given);
    }

    /// <summary>An author of an English-language record: a Chinese author in pinyin (most) or a Western name.</summary>
    public string English(Rng rng, double westernShare)
    {
        if (_western.Count > 0 && rng.Chance(westernShare))
        {
            return rng.Pick(_western);
        }

        var (_, _, surname, given) = Chinese(rng);
        var form = rng.NextDouble();
        return form < 0.5 ? surname + " " + given : form < 0.8 ? given + " " + surname : surname + ", " + given;
    }

    private static (string Hanzi, string Pinyin, string Share) SplitEntry(string entry)
    {
        var i = 0;
        while (i < entry.Length && !char.IsAsciiLetter(entry[i]))
        {
            i++;
        }

        var j = i;
        while (j < entry.Length && char.IsAsciiLetter(entry[j]))
        {
            j++;
        }

        return (entry[..i], entry[i..j], entry[j..]);
    }

    private static string Capital(string pinyin) => char.ToUpperInvariant(pinyin[0]) + pinyin[1..];
}
