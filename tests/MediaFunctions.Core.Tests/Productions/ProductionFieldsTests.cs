using System.Text.Json.Nodes;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions;

namespace MediaFunctions.Core.Tests.Productions;

public sealed class ProductionFieldsTests
{
    // The document's "Set all Details in one Request" fields, as a preset.
    private const string DocumentPreset = """
        {
            "preset_name": "Podcast",
            "metadata": {
                "title": "Production Title", "artist": "The Artist", "album": "Our Album", "track": 1,
                "summary": "Our very long summary.", "genre": "Podcast", "year": 2012,
                "tags": ["podcast", "auphonic api", "metadata"], "append_chapters": true,
                "url": "https://auphonic.com", "location": {"latitude": "47.070", "longitude": "15.439"}
            },
            "output_files": [{"format": "mp3", "bitrate": "96"}, {"format": "flac"}, {"format":"mp3", "bitrate":"48", "filename":"MyFilename.mp3", "mono_mixdown":true}],
            "algorithms": {"filtering": true, "leveler": true, "normloudness": true, "denoise": true, "loudnesstarget": -23, "denoiseamount": 12, "maxpeak": -2},
            "multi_input_files": [{"service": "pmefeNCzkyT4TbRbDmoCDf", "input_file": "my_dropbox_file.mp3", "type": "intro"}],
            "speech_recognition": {"language": "en", "keywords": ["keyword1", "keyword2"], "shownotes": true},
            "outgoing_services": [{"uuid": "your_podcast_host_service_uuid"}],
            "webhook": "https://your-cms.com/auphonic-webhook"
        }
        """;

    [Fact]
    public void ReadPreset_DocumentFields_AcceptedAndKeptWithoutTheName()
    {
        var (name, reset, fields) = ProductionFields.ReadPreset(Parse(DocumentPreset), creating: true);

        Assert.Equal("Podcast", name);
        Assert.False(reset);
        Assert.False(fields.ContainsKey("preset_name"));
        Assert.Equal(-23, fields["algorithms"]!["loudnesstarget"]!.GetValue<double>());
        Assert.Equal(3, fields["output_files"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"preset_name": "p", "algorithms": {"loudnesstarget": -40}}""", "loudnesstarget")]
    [InlineData("""{"preset_name": "p", "algorithms": {"loudnesstarget": -10}}""", "loudnesstarget")]
    [InlineData("""{"preset_name": "p", "algorithms": {"maxpeak": 3}}""", "maxpeak")]
    [InlineData("""{"preset_name": "p", "algorithms": {"loudnesstarget": "loud"}}""", "loudnesstarget")]
    [InlineData("""{"preset_name": "p", "algorithms": {"leveler": "sometimes"}}""", "leveler")]
    [InlineData("""{"preset_name": "p", "algorithms": {"denoiseamount": 101}}""", "denoiseamount")]
    [InlineData("""{"preset_name": "p", "algorithms": {"levelr": true}}""", "levelr")]
    [InlineData("""{"preset_name": "p", "output_files": [{"format": "wma"}]}""", "output_files")]
    [InlineData("""{"preset_name": "p", "output_files": [{"bitrate": "96"}]}""", "output_files")]
    [InlineData("""{"preset_name": "p", "output_files": [{"format": "mp3", "bitrate": "9000"}]}""", "output_files")]
    [InlineData("""{"preset_name": "p", "output_files": [{"format": "mp3", "filename": "../x.mp3"}]}""", "output_files")]
    [InlineData("""{"preset_name": "p", "output_files": {"format": "mp3"}}""", "output_files")]
    [InlineData("""{"preset_name": "p", "metadata": {"year": "twenty"}}""", "year")]
    [InlineData("""{"preset_name": "p", "metadata": {"colour": "red"}}""", "colour")]
    [InlineData("""{"preset_name": "p", "metadata": {"location": {"latitude": 91, "longitude": 0}}}""", "location")]
    [InlineData("""{"preset_name": "p", "multi_input_files": [{"type": "middle"}]}""", "multi_input_files")]
    [InlineData("""{"preset_name": "p", "multi_input_files": [{"type": "multitrack", "algorithms": {"loudnesstarget": -40}}]}""", "multi_input_files")]
    [InlineData("""{"preset_name": "p", "webhook": "ftp://example.com/hook"}""", "webhook")]
    [InlineData("""{"preset_name": "p", "is_multitrack": "maybe"}""", "is_multitrack")]
    [InlineData("""{"preset_name": "p", "colour": "red"}""", "colour")]
    [InlineData("""{"preset_name": ""}""", "preset_name")]
    [InlineData("""{"metadata": {}}""", "preset_name")]
    [InlineData("""{"preset_name": "p", "reset_data": true}""", "reset_data")]
    public void ReadPreset_BadField_ThrowsNamingTheField(string json, string field)
    {
        var error = Assert.Throws<ProductionSettingsException>(() => ProductionFields.ReadPreset(Parse(json), creating: true));

        Assert.Equal(field, Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void ReadPreset_SeveralBadFields_NamesEach()
    {
        var error = Assert.Throws<ProductionSettingsException>(() => ProductionFields.ReadPreset(
            Parse("""{"preset_name": "p", "algorithms": {"loudnesstarget": -40, "maxpeak": 2}, "output_files": [{"format": "xyz"}]}"""), creating: true));

        Assert.Equal(["loudnesstarget", "maxpeak", "output_files"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadPreset_UpdateWithoutName_AcceptedWithResetData()
    {
        var (name, reset, fields) = ProductionFields.ReadPreset(Parse("""{"reset_data": true, "uuid": "x", "metadata": {"title": "t"}}"""), creating: false);

        Assert.Null(name);
        Assert.True(reset);
        Assert.Equal(["metadata"], fields.Select(field => field.Key));
    }

    [Fact]
    public void Merge_ObjectsKeyByKeyOthersWhole_LeavesBothInputsAlone()
    {
        var stored = Parse("""{"metadata": {"title": "Old", "artist": "A"}, "output_files": [{"format": "mp3"}, {"format": "flac"}], "algorithms": {"leveler": true}}""");
        var change = Parse("""{"metadata": {"title": "New", "artist": null, "track": 2}, "output_files": [{"format": "opus"}]}""");
        var before = stored.ToJsonString();

        var merged = ProductionFields.Merge(stored, change, resetData: false);

        Assert.Equal("""{"title":"New","track":2}""", merged["metadata"]!.ToJsonString());
        Assert.Equal("""[{"format":"opus"}]""", merged["output_files"]!.ToJsonString());
        Assert.Equal("""{"leveler":true}""", merged["algorithms"]!.ToJsonString());
        Assert.Equal(before, stored.ToJsonString());
    }

    [Fact]
    public void Merge_ResetData_KeepsOnlyTheChange()
    {
        var merged = ProductionFields.Merge(Parse("""{"metadata": {"title": "Old"}, "algorithms": {"leveler": true}}"""),
            Parse("""{"output_files": [{"format": "mp3"}]}"""), resetData: true);

        Assert.Equal("""{"output_files":[{"format":"mp3"}]}""", merged.ToJsonString());
    }

    [Fact]
    public void Merge_ResultTooLargeToStore_Throws()
    {
        var summary = new string('x', ProductionFields.MaxStoredBytes);

        var error = Assert.Throws<ProductionSettingsException>(() =>
            ProductionFields.Merge([], new JsonObject { ["metadata"] = new JsonObject { ["summary"] = summary } }, resetData: false));

        Assert.Equal("preset", Assert.Single(error.Errors).Field);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
