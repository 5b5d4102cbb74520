using System.Text.Json.Nodes;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions;

namespace MediaFunctions.Core.Tests.Productions;

/// <summary>A production's own fields, how they override its preset's, and the status a saved production gets.</summary>
public sealed class ProductionRecordFieldsTests
{
    [Fact]
    public void ReadProduction_DocumentRequest_KeepsOwnFieldsAndReturnsPresetAndAction()
    {
        var (preset, action, reset, fields) = ProductionFields.ReadProduction(Parse("""
            {
                "preset": "ceigtvDv8jH6NaK52Z5eXH",
                "input_file": "http://your_server.com/somefile.mp3",
                "metadata": { "title": "My first Production with Chapters" },
                "chapters": [
                    {"start": "00:00:00", "title": "Start Chapter", "url": "http://auphonic.com"},
                    {"start": "00:02:18.500", "title": "Second Chapter"}
                ],
                "action": "save",
                "status": 3, "status_string": "Done", "change_time": "2026-01-01T00:00:00.000Z"
            }
            """), creating: true);

        Assert.Equal("ceigtvDv8jH6NaK52Z5eXH", preset);
        Assert.Equal("save", action);
        Assert.False(reset);
        Assert.Equal(["input_file", "metadata", "chapters"], fields.Select(field => field.Key));
    }

    [Theory]
    [InlineData("""{"input_file": "ftp://example.com/a.mp3"}""", "input_file")]
    [InlineData("""{"input_file": "somefile.mp3"}""", "input_file")]
    [InlineData("""{"input_file": 3}""", "input_file")]
    [InlineData("""{"action": "go"}""", "action")]
    [InlineData("""{"preset": 12}""", "preset")]
    [InlineData("""{"preset_name": "p"}""", "preset_name")]
    [InlineData("""{"chapters": [{"start": "soon", "title": "x"}]}""", "chapters")]
    [InlineData("""{"algorithms": {"loudnesstarget": -40}}""", "loudnesstarget")]
    [InlineData("""{"reset_data": true}""", "reset_data")]
    [InlineData("""{"colour": "red"}""", "colour")]
    public void ReadProduction_BadField_NamedAlone(string json, string field)
    {
        var error = Assert.Throws<ProductionSettingsException>(() => ProductionFields.ReadProduction(Parse(json), creating: true));

        Assert.Equal([field], error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ApplyPreset_OwnFieldsOverrideFieldByField_ObjectsKeyByKey()
    {
        var preset = Parse("""
            {"metadata": {"title": "Preset title", "artist": "Preset artist"}, "algorithms": {"leveler": true, "loudnesstarget": -16},
             "output_files": [{"format": "mp3"}, {"format": "flac"}], "webhook": "https://example.com/hook"}
            """);
        var own = Parse("""{"metadata": {"title": "Episode 1"}, "algorithms": {"loudnesstarget": -23}, "output_files": [{"format": "opus"}]}""");
        var presetBefore = preset.ToJsonString();

        var fields = ProductionFields.ApplyPreset(preset, own);

        Assert.Equal("Episode 1", fields["metadata"]!["title"]!.GetValue<string>());
        Assert.Equal("Preset artist", fields["metadata"]!["artist"]!.GetValue<string>());
        Assert.True(fields["algorithms"]!["leveler"]!.GetValue<bool>());
        Assert.Equal(-23, fields["algorithms"]!["loudnesstarget"]!.GetValue<int>());
        Assert.Equal("opus", Assert.Single(fields["output_files"]!.AsArray())!["format"]!.GetValue<string>());
        Assert.Equal("https://example.com/hook", fields["webhook"]!.GetValue<string>());
        Assert.Equal(presetBefore, preset.ToJsonString());
    }

    [Fact]
    public void ApplyPreset_NoPreset_OwnFieldsOnly()
    {
        var fields = ProductionFields.ApplyPreset(null, Parse("""{"metadata": {"title": "t"}}"""));

        Assert.Equal("""{"metadata":{"title":"t"}}""", fields.ToJsonString());
    }

    [Fact]
    public void UpdateProduction_ResetData_ClearsAllButTheInput()
    {
        var stored = Parse("""{"input_file": "https://example.com/a.mp3", "metadata": {"title": "Old", "artist": "A"}, "output_files": [{"format": "aac"}]}""");

        var fields = ProductionFields.UpdateProduction(stored, Parse("""{"metadata": {"title": "New"}}"""), resetData: true);

        Assert.Equal("""{"metadata":{"title":"New"},"input_file":"https://example.com/a.mp3"}""", fields.ToJsonString());
    }

    [Fact]
    public void UpdateProduction_ResetDataWithANewInput_TakesTheNewInput()
    {
        var stored = Parse("""{"input_file": "https://example.com/a.mp3"}""");

        var fields = ProductionFields.UpdateProduction(stored, Parse("""{"input_file": "https://example.com/b.mp3"}"""), resetData: true);

        Assert.Equal("https://example.com/b.mp3", fields["input_file"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{}""", ProductionStatus.Incomplete, "Incomplete")]
    [InlineData("""{"input_file": null}""", ProductionStatus.Incomplete, "Incomplete")]
    [InlineData("""{"input_file": ""}""", ProductionStatus.Incomplete, "Incomplete")]
    [InlineData("""{"input_file": "https://example.com/a.mp3"}""", ProductionStatus.NotStarted, "Production Not Started Yet")]
    public void ForSaved_StatusFollowsTheInput(string json, int status, string words)
    {
        Assert.Equal(status, ProductionStatus.ForSaved(Parse(json)));
        Assert.Equal(words, ProductionStatus.Describe(status));
    }

    [Theory]
    [InlineData(0, "File Upload")]
    [InlineData(1, "Waiting")]
    [InlineData(2, "Error")]
    [InlineData(3, "Done")]
    [InlineData(4, "Audio Processing")]
    [InlineData(5, "Audio Encoding")]
    [InlineData(6, "Outgoing File Transfer")]
    [InlineData(9, "Incomplete")]
    [InlineData(10, "Production Not Started Yet")]
    [InlineData(12, "Incoming File Transfer")]
    [InlineData(15, "Production Changed")]
    public void Describe_AuphonicNumbers(int status, string words) => Assert.Equal(words, ProductionStatus.Describe(status));

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void Describe_UnknownNumber_Throws(int status) => Assert.Throws<ArgumentOutOfRangeException>(() => ProductionStatus.Describe(status));

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
