using System.Buffers;
using System.Text.Json;

namespace Search.Api.Entitlement;

/// <summary>
/// Adds <c>"access": {"fulltext": ...}</c> to each object of the top-level <c>hits</c> array of a serialised
/// search response, in one streaming pass: whatever else a hit carries is copied as it is, and the cost is a
/// few microseconds rather than a round trip through a DOM.
/// </summary>
public static class AccessJson
{
    public static byte[] AddToHits(ReadOnlySpan<byte> json, IReadOnlyList<string> decisions, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>(json.Length + (decisions.Count * 40));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(json);
            int depth = 0, hit = 0;
            var inHits = false;
            var hitsNext = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        depth++;
                        break;
                    case JsonTokenType.EndObject:
                        if (inHits && depth == 3 && hit < decisions.Count)
                        {
                            writer.WritePropertyName("access"u8);
                            writer.WriteStartObject();
                            writer.WriteString("fulltext"u8, decisions[hit++]);
                            writer.WriteEndObject();
                        }

                        writer.WriteEndObject();
                        depth--;
                        break;
                    case JsonTokenType.StartArray:
                        inHits |= hitsNext && depth == 1;
                        writer.WriteStartArray();
                        depth++;
                        break;
                    case JsonTokenType.EndArray:
                        inHits &= depth != 2;
                        writer.WriteEndArray();
                        depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        hitsNext = depth == 1 && reader.ValueTextEquals("hits"u8);
                        if (reader.ValueIsEscaped)
                        {
                            writer.WritePropertyName(reader.GetString()!);
                        }
                        else
                        {
                            writer.WritePropertyName(reader.ValueSpan);
                        }

                        continue;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped)
                        {
                            writer.WriteStringValue(reader.GetString());
                        }
                        else
                        {
                            writer.WriteStringValue(reader.ValueSpan);
                        }

                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True:
                        writer.WriteBooleanValue(true);
                        break;
                    case JsonTokenType.False:
                        writer.WriteBooleanValue(false);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                }

                hitsNext = false;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}
