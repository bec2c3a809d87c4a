using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Catalog;

internal enum InstitutionKind
{
    University,
    Institute,
    Hospital,
    Company,
}

internal sealed record Institution(string Name, string English, InstitutionKind Kind, string City, bool Medical);

/// <summary>
/// Universities, institutes, hospitals and companies named the way Chinese institutions are named, from real
/// province and city names and the usual name patterns, plus a short list of well-known national universities.
/// Picked with a Zipf law over a fixed, seeded order, so a few institutions publish a lot and most a little.
/// </summary>
internal sealed class Institutions
{
    // Province (short, full, pinyin), weight (rough share of national research output), cities (hanzi:pinyin).
    private static readonly (string Short, string Full, string English, int Weight, string Cities)[] Provinces =
    [
        ("北京", "北京市", "Beijing", 140, "北京:Beijing"),
        ("上海", "上海市", "Shanghai", 80, "上海:Shanghai"),
        ("天津", "天津市", "Tianjin", 30, "天津:Tianjin"),
        ("重庆", "重庆市", "Chongqing", 30, "重庆:Chongqing"),
        ("江苏", "江苏省", "Jiangsu", 90, "南京:Nanjing 苏州:Suzhou 无锡:Wuxi 徐州:Xuzhou 扬州:Yangzhou 镇江:Zhenjiang"),
        ("广东", "广东省", "Guangdong", 70, "广州:Guangzhou 深圳:Shenzhen 汕头:Shantou 湛江:Zhanjiang 佛山:Foshan"),
        ("湖北", "湖北省", "Hubei", 65, "武汉:Wuhan 宜昌:Yichang 襄阳:Xiangyang 黄石:Huangshi 荆州:Jingzhou 十堰:Shiyan"),
        ("陕西", "陕西省", "Shaanxi", 55, "西安:Xi'an 宝鸡:Baoji 咸阳:Xianyang 杨凌:Yangling"),
        ("浙江", "浙江省", "Zhejiang", 55, "杭州:Hangzhou 宁波:Ningbo 温州:Wenzhou 金华:Jinhua"),
        ("山东", "山东省", "Shandong", 55, "济南:Jinan 青岛:Qingdao 烟台:Yantai 淄博:Zibo 泰安:Tai'an"),
        ("四川", "四川省", "Sichuan", 45, "成都:Chengdu 绵阳:Mianyang 南充:Nanchong"),
        ("辽宁", "辽宁省", "Liaoning", 40, "沈阳:Shenyang 大连:Dalian 鞍山:Anshan 锦州:Jinzhou"),
        ("湖南", "湖南省", "Hunan", 40, "长沙:Changsha 湘潭:Xiangtan 株洲:Zhuzhou 衡阳:Hengyang"),
        ("河南", "河南省", "Henan", 40, "郑州:Zhengzhou 洛阳:Luoyang 新乡:Xinxiang 开封:Kaifeng"),
        ("黑龙江", "黑龙江省", "Heilongjiang", 30, "哈尔滨:Harbin 大庆:Daqing 齐齐哈尔:Qiqihar"),
        ("安徽", "安徽省", "Anhui", 30, "合肥:Hefei 芜湖:Wuhu 淮南:Huainan"),
        ("吉林", "吉林省", "Jilin", 25, "长春:Changchun 吉林:Jilin"),
        ("河北", "河北省", "Hebei", 25, "石家庄:Shijiazhuang 保定:Baoding 唐山:Tangshan 秦皇岛:Qinhuangdao"),
        ("福建", "福建省", "Fujian", 25, "福州:Fuzhou 厦门:Xiamen 泉州:Quanzhou"),
        ("江西", "江西省", "Jiangxi", 20, "南昌:Nanchang 赣州:Ganzhou 九江:Jiujiang"),
        ("山西", "山西省", "Shanxi", 18, "太原:Taiyuan 大同:Datong"),
        ("甘肃", "甘肃省", "Gansu", 15, "兰州:Lanzhou 天水:Tianshui"),
        ("云南", "云南省", "Yunnan", 15, "昆明:Kunming 大理:Dali"),
        ("广西", "广西壮族自治区", "Guangxi", 15, "南宁:Nanning 桂林:Guilin 柳州:Liuzhou"),
        ("贵州", "贵州省", "Guizhou", 12, "贵阳:Guiyang 遵义:Zunyi"),
        ("新疆", "新疆维吾尔自治区", "Xinjiang", 10, "乌鲁木齐:Urumqi 石河子:Shihezi"),
        ("内蒙古", "内蒙古自治区", "Inner Mongolia", 10, "呼和浩特:Hohhot 包头:Baotou"),
        ("海南", "海南省", "Hainan", 6, "海口:Haikou 三亚:Sanya"),
        ("宁夏", "宁夏回族自治区", "Ningxia", 5, "银川:Yinchuan"),
        ("青海", "青海省", "Qinghai", 4, "西宁:Xining"),
        ("西藏", "西藏自治区", "Tibet", 2, "拉萨:Lhasa"),
    ];

    // Well-known national universities (Chinese and English names).
    private static readonly (string Name, string English, string City)[] National =
    [
        ("清华大学", "Tsinghua University", "北京"), ("北京大学", "Peking University", "北京"),
        ("浙江大学", "Zhejiang University", "杭州"), ("上海交通大学", "Shanghai Jiao Tong University", "上海"),
        ("复旦大学", "Fudan University", "上海"), ("南京大学", "Nanjing University", "南京"),
        ("武汉大学", "Wuhan University", "武汉"), ("华中科技大学", "Huazhong University of Science and Technology", "武汉"),
        ("中山大学", "Sun Yat-sen University", "广州"), ("哈尔滨工业大学", "Harbin Institute of Technology", "哈尔滨"),
        ("西安交通大学", "Xi'an Jiaotong University", "西安"), ("四川大学", "Sichuan University", "成都"),
        ("山东大学", "Shandong University", "济南"), ("吉林大学", "Jilin University", "长春"),
        ("中南大学", "Central South University", "长沙"), ("天津大学", "Tianjin University", "天津"),
        ("同济大学", "Tongji University", "上海"), ("东南大学", "Southeast University", "南京"),
        ("华南理工大学", "South China University of Technology", "广州"), ("大连理工大学", "Dalian University of Technology", "大连"),
        ("重庆大学", "Chongqing University", "重庆"), ("中国农业大学", "China Agricultural University", "北京"),
        ("中国科学技术大学", "University of Science and Technology of China", "合肥"), ("北京航空航天大学", "Beihang University", "北京"),
        ("北京理工大学", "Beijing Institute of Technology", "北京"), ("西北工业大学", "Northwestern Polytechnical University", "西安"),
        ("厦门大学", "Xiamen University", "厦门"), ("兰州大学", "Lanzhou University", "兰州"),
        ("电子科技大学", "University of Electronic Science and Technology of China", "成都"), ("华中农业大学", "Huazhong Agricultural University", "武汉"),
        ("中国地质大学", "China University of Geosciences", "武汉"), ("武汉理工大学", "Wuhan University of Technology", "武汉"),
    ];

    private static readonly (string Zh, string En, bool ByCity, bool Medical)[] UniversityPatterns =
    [
        ("大学", " University", true, false), ("理工大学", " University of Technology", true, false),
        ("科技大学", " University of Science and Technology", false, false), ("师范大学", " Normal University", false, false),
        ("农业大学", " Agricultural University", false, false), ("医科大学", " Medical University", false, true),
        ("中医药大学", " University of Chinese Medicine", false, true), ("工业大学", " University of Technology", true, false),
        ("财经大学", " University of Finance and Economics", false, false), ("交通大学", " Jiaotong University", true, false),
        ("理工学院", " Institute of Technology", true, false), ("学院", " University", true, false),
        ("职业技术学院", " Polytechnic", true, false), ("工程学院", " Institute of Engineering", false, false),
        ("医学院", " Medical College", true, true), ("农林大学", " Agriculture and Forestry University", false, false),
        ("大学", " University", false, false), ("工程大学", " Engineering University", true, false),
    ];

    private static readonly string[] Brands = ["华", "科", "信", "达", "创", "新", "泰", "恒", "中", "天", "宏", "海", "瑞", "博", "盛", "元", "鼎", "金", "通", "联", "安", "康", "正", "远"];
    private static readonly string[] CompanySuffixes = ["科技有限公司", "技术有限公司", "股份有限公司", "工程有限公司", "集团有限公司"];
    private static readonly string[] UniversityDepartments = ["学院", "学院", "系", "工程学院", "研究所", "科学学院"];
    private static readonly string[] HospitalDepartments = ["心内科", "骨科", "检验科", "药剂科", "神经内科", "普外科", "儿科", "妇产科", "放射科", "中医科", "口腔科", "急诊科"];
    private static readonly string[] HospitalNumbers = ["第一", "第二", "第三", "第四", "第五", "第六"];

    private readonly List<Institution> _all = [];
    private readonly Institution[] _universities;
    private readonly Institution[] _medical;
    private readonly Institution[] _companies;

    public Institutions(ulong seed, IReadOnlyList<Discipline> disciplines)
    {
        var rng = Rng.For(seed, 0x1A57, 0);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var places = new Weighted<(string Short, string Full, string English, string City, string CityEnglish)>(Provinces.SelectMany(p =>
        {
            var cities = p.Cities.Split(' ').Select(c => c.Split(':')).ToArray();
            return cities.Select((c, i) => ((p.Short, p.Full, p.English, c[0], c[1]), (long)(p.Weight * 100 / (i + 1))));
        }));

        void Add(Institution institution)
        {
            if (names.Add(institution.Name))
            {
                _all.Add(institution);
            }
        }

        foreach (var (name, english, city) in National)
        {
            Add(new Institution(name, english, InstitutionKind.University, city, false));
        }

        for (var i = 0; i < 40_000 && _all.Count < 6_000; i++)
        {
            var place = places.Pick(rng);
            var roll = rng.NextDouble();
            if (roll < 0.5)
            {
                var pattern = rng.Pick(UniversityPatterns);
                var (where, whereEn) = pattern.ByCity ? (place.City, place.CityEnglish) : (place.Short, place.English);
                Add(new Institution(where + pattern.Zh, whereEn + pattern.En, InstitutionKind.University, place.City, pattern.Medical));
            }
            else if (roll < 0.72)
            {
                var discipline = rng.Pick(disciplines);
                var stem = rng.Pick(discipline.Stems);
                var form = rng.NextDouble();
                var (name, english) = form < 0.35
                    ? ($"中国科学院{place.City}{stem}研究所", $"Institute of {discipline.English}, Chinese Academy of Sciences")
                    : form < 0.7
                        ? ($"{place.Full}{stem}研究院", $"{place.English} Academy of {discipline.English}")
                        : ($"{place.City}市{stem}研究所", $"{place.CityEnglish} Institute of {discipline.English}");
                Add(new Institution(name, english, InstitutionKind.Institute, place.City, discipline.Category == "医学"));
            }
            else if (roll < 0.85)
            {
                var form = rng.NextDouble();
                var (name, english) = form < 0.4
                    ? ($"{place.City}市{rng.Pick(HospitalNumbers)}人民医院", $"{place.CityEnglish} People's Hospital")
                    : form < 0.7
                        ? ($"{place.Full}人民医院", $"{place.English} Provincial People's Hospital")
                        : ($"{place.City}市中医医院", $"{place.CityEnglish} Hospital of Traditional Chinese Medicine");
                Add(new Institution(name, english, InstitutionKind.Hospital, place.City, true));
            }
            else
            {
                var discipline = rng.Pick(disciplines);
                var brand = rng.Pick(Brands) + rng.Pick(Brands);
                var stem = rng.Pick(discipline.Stems);
                var suffix = rng.Pick(CompanySuffixes);
                Add(new Institution($"{place.City}{brand}{stem}{suffix}", $"{place.CityEnglish} {discipline.English} Co., Ltd.", InstitutionKind.Company, place.City, false));
            }
        }

        // A seeded shuffle after the national universities fixes who publishes most.
        for (var i = _all.Count - 1; i > National.Length; i--)
        {
            var j = National.Length + rng.Next(i - National.Length + 1);
            (_all[i], _all[j]) = (_all[j], _all[i]);
        }

        _universities = [.. _all.Where(a => a.Kind == InstitutionKind.University)];
        _medical = [.. _all.Where(a => a.Medical)];
        _companies = [.. _all.Where(a => a.Kind == InstitutionKind.Company)];
    }

    public int Count => _all.Count;

    public Institution Any(Rng rng, bool medical) =>
        medical && rng.Chance(0.6) ? Zipf(rng, _medical) : Zipf(rng, _all);

    public Institution University(Rng rng) => Zipf(rng, _universities);

    public Institution Company(Rng rng) => Zipf(rng, _companies);

    /// <summary>A department of the institution for the discipline ("机械学院", "心内科", "材料研究室").</summary>
    public static string Department(Rng rng, Institution institution, Discipline discipline)
    {
        var stem = rng.Pick(discipline.Stems);
        return institution.Kind switch
        {
            InstitutionKind.University => stem + rng.Pick(UniversityDepartments),
            InstitutionKind.Institute => rng.Chance(0.5) ? stem + "研究室" : "",
            InstitutionKind.Hospital => rng.Pick(HospitalDepartments),
            _ => rng.Chance(0.3) ? "研发中心" : "",
        };
    }

    private static Institution Zipf(Rng rng, IReadOnlyList<Institution> list)
    {
        for (var i = 0; i < 4; i++)
        {
            var rank = rng.ZipfRank(1.15, 8);
            if (rank < list.Count)
            {
                return list[(int)rank];
            }
        }

        return list[rng.Next(list.Count)];
    }
}
