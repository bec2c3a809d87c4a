using System.Xml;
using Search.Indexer.Query.Cql;

namespace Search.Api.Sru;

/// <summary>
/// Writes a parsed CQL query as XCQL (the echoed request's <c>xQuery</c>): <c>searchClause</c> and <c>triple</c>
/// elements with their prefixes, relation or boolean modifiers and sort keys, in the namespace of the version.
/// The structure is the one <see cref="CqlNode.Canonical"/> renders, so the two can be compared.
/// </summary>
public static class XcqlWriter
{
    public static void Write(XmlWriter writer, CqlNode node, string ns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            case CqlSearchClause clause:
                writer.WriteStartElement("searchClause", ns);
                WritePrefixes(writer, node, ns);
                writer.Element("index", ns, clause.Index);
                writer.WriteStartElement("relation", ns);
                writer.Element("value", ns, clause.Relation);
                WriteModifiers(writer, clause.RelationModifiers, ns);
                writer.WriteEndElement();
                writer.Element("term", ns, clause.Term);
                WriteSortKeys(writer, node, ns);
                writer.WriteEndElement();
                break;
            case CqlTriple triple:
                writer.WriteStartElement("triple", ns);
                WritePrefixes(writer, node, ns);
                writer.WriteStartElement("boolean", ns);
                writer.Element("value", ns, triple.Boolean);
                WriteModifiers(writer, triple.BooleanModifiers, ns);
                writer.WriteEndElement();
                writer.WriteStartElement("leftOperand", ns);
                Write(writer, triple.Left, ns);
                writer.WriteEndElement();
                writer.WriteStartElement("rightOperand", ns);
                Write(writer, triple.Right, ns);
                writer.WriteEndElement();
                WriteSortKeys(writer, node, ns);
                writer.WriteEndElement();
                break;
            default:
                throw new ArgumentException("Unknown CQL node.", nameof(node));
        }
    }

    private static void WritePrefixes(XmlWriter writer, CqlNode node, string ns)
    {
        if (node.Prefixes.Count == 0)
        {
            return;
        }

        writer.WriteStartElement("prefixes", ns);
        foreach (var prefix in node.Prefixes)
        {
            writer.WriteStartElement("prefix", ns);
            if (prefix.Name is not null)
            {
                writer.Element("name", ns, prefix.Name);
            }

            writer.Element("identifier", ns, prefix.Identifier);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteModifiers(XmlWriter writer, IReadOnlyList<CqlModifier> modifiers, string ns)
    {
        if (modifiers.Count == 0)
        {
            return;
        }

        writer.WriteStartElement("modifiers", ns);
        foreach (var modifier in modifiers)
        {
            writer.WriteStartElement("modifier", ns);
            writer.Element("type", ns, modifier.Type);
            if (modifier.Comparison is not null)
            {
                writer.Element("comparison", ns, modifier.Comparison);
            }

            if (modifier.Value is not null)
            {
                writer.Element("value", ns, modifier.Value);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteSortKeys(XmlWriter writer, CqlNode node, string ns)
    {
        if (node.SortKeys.Count == 0)
        {
            return;
        }

        writer.WriteStartElement("sortKeys", ns);
        foreach (var key in node.SortKeys)
        {
            writer.WriteStartElement("key", ns);
            writer.Element("index", ns, key.Index);
            WriteModifiers(writer, key.Modifiers, ns);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
