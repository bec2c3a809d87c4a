using Search.Ingestion.Merge;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Ingestion.Tests.Merge;

/// <summary>Merging through the real runner and store, once on each database the engine supports.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class WorkMergeTests(DatabaseProvider provider)
{
    private const string Title = "基于超声波传感器的喷杆位姿控制系统";
    private const string TraditionalTitle = "基於超聲波傳感器的噴桿位姿控制系統";

    [Test]
    public async Task Records_with_one_DOI_from_two_sources_are_one_work_listing_both_holdings()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三", doi: "10.12345/csl.dev.0545"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", "喷杆位姿控制系统", 2014, "张三", doi: "https://doi.org/10.12345/CSL.DEV.0545"));

        var work = await catalog.WorkOfAsync("nstl", "n1");
        Assert.Multiple(() =>
        {
            Assert.That(work.Work.Id, Is.EqualTo(RecordIds.For("calis", "c1")), "the first holding's id stays the work's id");
            Assert.That(work.Work.Holdings.Select(h => h.SourceId), Is.EquivalentTo(new[] { "calis", "nstl" }));
            Assert.That(work.Members.Single(m => m.Record.SourceId == "nstl").Reason!.Key, Is.EqualTo(MatchKeys.DoiKind));
        });

        var changes = await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.That(changes.Select(c => c.RecordId).Distinct(), Is.EqualTo(new[] { work.Work.Id }), "the change log carries work ids");
        var indexed = await catalog.Store.GetRecordsAsync([work.Work.Id], CancellationToken.None);
        Assert.That(indexed.Single().Holdings, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Traditional_characters_and_full_width_punctuation_still_match_by_title_year_and_author()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title + ":设计与实现", 2014, "张三"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", TraditionalTitle + "：設計與實現", 2014, "張三"));
        await catalog.HarvestAsync("repo", Partner.Of("r1", Title, 2014, "张三"));

        var work = await catalog.WorkOfAsync("calis", "c1");
        Assert.That(work.Work.Holdings.Select(h => h.SourceId), Is.EquivalentTo(new[] { "calis", "nstl", "repo" }));
        var reasons = work.Members.Where(m => m.Reason is not null).Select(m => m.Reason!.Key).ToList();
        Assert.That(reasons, Is.EquivalentTo(new[] { MatchKeys.TitleKind, "title-subtitle" }));
    }

    [Test]
    public async Task One_character_differing_is_a_near_match_with_its_similarity()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", "水运工程施工项目全过程管理的有效性探索", 2019, "李四"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", "水运工程施工项目全过程管理有效性探索", 2019, "李四"));

        var work = await catalog.WorkOfAsync("nstl", "n1");
        var reason = work.Members.Single(m => m.Record.SourceId == "nstl").Reason!;
        Assert.Multiple(() =>
        {
            Assert.That(work.Members, Has.Count.EqualTo(2));
            Assert.That(reason.Key, Is.EqualTo("title-similar"));
            Assert.That(reason.Similarity, Is.InRange(0.85, 0.99));
        });
    }

    [Test]
    public async Task Near_misses_stay_apart()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync(
            "calis",
            Partner.Of("same-title-2014", Title, 2014, "张三"),
            Partner.Of("similar-other-author", "基于超声波传感器的喷杆高度控制系统", 2014, "王五"),
            Partner.Of("other-doi", Title, 2014, "张三", doi: "10.1000/a"));
        await catalog.HarvestAsync(
            "nstl",
            Partner.Of("same-title-2016", Title, 2016, "张三"),
            Partner.Of("conflicting-doi", Title, 2014, "张三", doi: "10.1000/b"),
            Partner.Of("thesis", Title, 2014, "张三", type: RecordTypes.Thesis));

        var works = await catalog.Store.GetWorkAssignmentsAsync();
        Assert.That(works[RecordIds.For("nstl", "same-title-2016")], Is.Not.EqualTo(works[RecordIds.For("calis", "same-title-2014")]));
        Assert.That(works[RecordIds.For("calis", "similar-other-author")], Is.Not.EqualTo(works[RecordIds.For("calis", "same-title-2014")]));
        Assert.That(works[RecordIds.For("nstl", "conflicting-doi")], Is.Not.EqualTo(works[RecordIds.For("calis", "other-doi")]));
        Assert.That(works[RecordIds.For("nstl", "thesis")], Is.Not.EqualTo(works[RecordIds.For("calis", "same-title-2014")]));
    }

    [Test]
    public async Task Re_harvesting_a_changed_holding_moves_it_and_deleting_holdings_updates_then_removes_the_work()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", Title, 2014, "张三"));
        var workId = await catalog.WorkIdAsync("calis", "c1");
        Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.EqualTo(workId));

        // The partner corrects its record: it is another paper after all.
        await catalog.HarvestAsync("nstl", Partner.Of("n1", "喷雾机液压系统的故障诊断方法", 2014, "张三"));
        Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.Not.EqualTo(workId));
        Assert.That((await catalog.WorkOfAsync("calis", "c1")).Members, Has.Count.EqualTo(1));

        // Back to the same paper, then both partners delete it.
        await catalog.HarvestAsync("nstl", Partner.Of("n1", Title, 2014, "张三"));
        Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.EqualTo(workId));
        var before = (await catalog.Store.ReadChangesAsync(0, 1000, CancellationToken.None)).Max(c => c.ChangeId);
        await catalog.HarvestAsync("calis", Partner.Deleted("c1"));
        var afterFirst = await catalog.Store.ReadChangesAsync(before, 100, CancellationToken.None);
        Assert.That(afterFirst.Select(c => (c.RecordId, c.Deleted)), Is.EqualTo(new[] { (workId, false) }), "the work lost a holding");
        Assert.That((await catalog.Store.GetRecordsAsync([workId], CancellationToken.None)).Single().Holdings.Single().SourceId, Is.EqualTo("nstl"));

        await catalog.HarvestAsync("nstl", Partner.Deleted("n1"));
        var last = (await catalog.Store.ReadChangesAsync(0, 1000, CancellationToken.None))[^1];
        Assert.That((last.RecordId, last.Deleted), Is.EqualTo((workId, true)), "a work with no holdings leaves the index");
        Assert.That(await catalog.Store.GetRecordsAsync([workId], CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_candidate_changed_by_a_re_harvest_is_compared_as_it_is_now()
    {
        using var catalog = new MergeCatalog(provider);
        const string Other = "喷雾机液压系统的故障诊断方法";
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", Title, 2014, "张三"));
        Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.EqualTo(await catalog.WorkIdAsync("calis", "c1")));

        // calis corrects c1 to another paper; later records are matched against what c1 says now.
        await catalog.HarvestAsync("calis", Partner.Of("c1", Other, 2014, "张三"));
        await catalog.HarvestAsync("repo", Partner.Of("r1", Other, 2014, "张三"), Partner.Of("r2", Title, 2014, "张三"));

        // (By assignment: c1's id names the work n1 stayed in, so looking c1 up as a work would find that one.)
        var works = await catalog.Store.GetWorkAssignmentsAsync();
        string WorkOf(string source, string id) => works[RecordIds.For(source, id)];
        Assert.Multiple(() =>
        {
            Assert.That(WorkOf("repo", "r1"), Is.EqualTo(WorkOf("calis", "c1")));
            Assert.That(WorkOf("repo", "r2"), Is.EqualTo(WorkOf("nstl", "n1")));
            Assert.That(WorkOf("calis", "c1"), Is.Not.EqualTo(WorkOf("nstl", "n1")));
        });
    }

    [Test]
    public async Task A_split_survives_re_harvest_and_re_mapping()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三", doi: "10.1/x"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", Title, 2014, "张三", doi: "10.1/x"), Partner.Of("n2", Title, 2014, "张三"));
        var workId = await catalog.WorkIdAsync("calis", "c1");
        Assert.That((await catalog.WorkOfAsync("calis", "c1")).Members, Has.Count.EqualTo(3));

        var moved = await catalog.Store.SplitWorkAsync(workId, [RecordIds.For("nstl", "n1"), RecordIds.For("nstl", "n2")], "librarian");
        Assert.That(moved, Is.Not.EqualTo(workId));

        // The partners send their records again, changed (re-mapped), so that every holding is matched anew.
        await catalog.HarvestAsync("nstl", Partner.Of("n1", Title, 2014, "张三", "10.1/x", abstractText: "新摘要"), Partner.Of("n2", Title, 2014, "张三", abstractText: "新摘要"));
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三", doi: "10.1/x", abstractText: "新摘要"));

        Assert.Multiple(async () =>
        {
            Assert.That(await catalog.WorkIdAsync("calis", "c1"), Is.EqualTo(workId));
            Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.EqualTo(moved));
            Assert.That(await catalog.WorkIdAsync("nstl", "n2"), Is.EqualTo(moved));
            Assert.That((await catalog.WorkOfAsync("calis", "c1")).Decisions.Count(d => d.Decision == MergeReason.CannotLink), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_join_survives_re_harvest_and_old_record_ids_resolve_to_the_work()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", "喷杆的位姿怎样控制", 2015, "Zhang San"));
        var first = await catalog.WorkIdAsync("calis", "c1");
        var second = await catalog.WorkIdAsync("nstl", "n1");
        Assert.That(second, Is.Not.EqualTo(first));

        var joined = await catalog.Store.JoinWorksAsync([first, second], "librarian");
        await catalog.HarvestAsync("nstl", Partner.Of("n1", "喷杆的位姿怎样控制", 2015, "Zhang San", abstractText: "改过"));

        Assert.That(joined, Is.EqualTo(first));
        Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.EqualTo(first));
        var byOldId = await catalog.Store.GetWorkAsync(second);
        Assert.That(byOldId!.Work.Id, Is.EqualTo(first), "the record id that was a work id resolves to its work");
        Assert.That(byOldId.Members.Single(m => m.Record.SourceId == "nstl").Reason!.Key, Is.EqualTo(MergeReason.Decision));
    }

    [Test]
    public async Task Display_fields_follow_the_configured_rules()
    {
        var options = new MergeOptions { SourcePriority = ["nstl"], Fields = new MergeFieldPriority { Title = ["calis"] } };
        using var catalog = new MergeCatalog(provider, options);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三", "10.1/x", abstractText: "短", keywords: ["喷杆", "位姿"]));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", TraditionalTitle, 2014, "張三", "10.1/x", abstractText: "一个更长的摘要", keywords: ["位姿", "超声波"]));

        var work = (await catalog.WorkOfAsync("calis", "c1")).Work;
        Assert.Multiple(() =>
        {
            Assert.That(work.Title, Is.EqualTo(Title), "title: calis first");
            Assert.That(work.Authors, Is.EqualTo(new[] { "張三" }), "other fields: nstl first");
            Assert.That(work.SourceId, Is.EqualTo("nstl"));
            Assert.That(work.Abstract, Is.EqualTo("一个更长的摘要"), "the longest abstract");
            Assert.That(work.Keywords, Is.EquivalentTo(new[] { "喷杆", "位姿", "超声波" }), "the union of keywords");
            Assert.That(work.Holdings.Select(h => h.Links.Single().Url), Is.EquivalentTo(new[] { "https://partner.example/c1", "https://partner.example/n1" }));
        });
    }

    [Test]
    public async Task Records_stored_before_works_existed_are_matched_by_a_rematch_that_respects_decisions()
    {
        using var catalog = new MergeCatalog(provider);
        await catalog.HarvestAsync("calis", Partner.Of("c1", Title, 2014, "张三"), Partner.Of("c2", "喷杆喷雾机", 2014, "李四"));
        await catalog.HarvestAsync("nstl", Partner.Of("n1", TraditionalTitle, 2014, "張三"), Partner.Of("n2", "喷杆喷雾机", 2014, "李四"));
        var c2Work = await catalog.WorkIdAsync("calis", "c2");
        await catalog.Store.SplitWorkAsync(c2Work, [RecordIds.For("nstl", "n2")], "librarian");

        // As right after migration 002: no keys, every record its own work.
        await using (var connection = await catalog.Store.Database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM match_keys");
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE records SET work_id = id, merge_reason = NULL");
        }

        Assert.That(await catalog.Store.RematchAllAsync(chunkSize: 3), Is.EqualTo(4));
        Assert.Multiple(async () =>
        {
            Assert.That(await catalog.WorkIdAsync("nstl", "n1"), Is.EqualTo(await catalog.WorkIdAsync("calis", "c1")));
            Assert.That(await catalog.WorkIdAsync("nstl", "n2"), Is.Not.EqualTo(await catalog.WorkIdAsync("calis", "c2")), "the split holds");
        });
    }
}
