using System.Text.Json.Nodes;

namespace MediaFunctions.Core.Productions.Presets;

/// <summary>
/// A preset of the Auphonic dialect: a named set of production fields one key keeps for its productions.
/// </summary>
/// <param name="Uuid">Its <see cref="AuphonicUuid"/>.</param>
/// <param name="KeyId">The key that owns it; no other key can see it.</param>
/// <param name="Name">The <c>preset_name</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="Fields">
/// The production fields it sets (<c>metadata</c>, <c>output_files</c>, <c>algorithms</c>, …), as validated by
/// <see cref="ProductionFields"/>, without <c>preset_name</c>. Never changed in place: a change makes a new object.
/// </param>
public sealed record ProductionPreset(string Uuid, string KeyId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject Fields);
