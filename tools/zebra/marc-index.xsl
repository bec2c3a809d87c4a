<?xml version="1.0" encoding="UTF-8"?>
<!-- Written for this project: the indexes of a MARC 21 record for Zebra's dom filter.
     title: 245 $a $b (and their 880 vernacular forms); author: 100/110/700/710 $a (and 880s);
     isbn: 020 $a without hyphens; any: all of these. The record id is the 001 control number. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="http://www.loc.gov/MARC21/slim"
    xmlns:z="http://indexdata.com/zebra-2.0">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="text()"/>

  <xsl:template match="/m:record">
    <z:record z:id="{normalize-space(m:controlfield[@tag='001'])}" z:type="update">
      <xsl:for-each select="m:datafield[@tag='245' or (@tag='880' and starts-with(m:subfield[@code='6'], '245'))]/m:subfield[@code='a' or @code='b']">
        <z:index name="title:w any:w"><xsl:value-of select="."/></z:index>
      </xsl:for-each>
      <xsl:for-each select="m:datafield[@tag='100' or @tag='110' or @tag='700' or @tag='710' or (@tag='880' and (starts-with(m:subfield[@code='6'], '100') or starts-with(m:subfield[@code='6'], '700')))]/m:subfield[@code='a']">
        <z:index name="author:w any:w"><xsl:value-of select="."/></z:index>
      </xsl:for-each>
      <xsl:for-each select="m:datafield[@tag='020']/m:subfield[@code='a']">
        <z:index name="isbn:w any:w"><xsl:value-of select="translate(normalize-space(.), '-', '')"/></z:index>
      </xsl:for-each>
      <xsl:for-each select="m:controlfield[@tag='001']">
        <z:index name="id:0"><xsl:value-of select="normalize-space(.)"/></z:index>
      </xsl:for-each>
    </z:record>
  </xsl:template>
</xsl:stylesheet>
