#!/usr/bin/perl
# Dumps the MARC-8 -> Unicode table of MARC::Charset (Debian libmarc-charset-perl) as text lines:
#   <charset code hex> <MARC-8 bytes hex, G0 form> <UCS hex> <combining 0|1>
# Usage: perl tools/marc/dump-marc8-table.pl | sort > src/Connectors/Marc/marc8-to-unicode.txt (then add the header lines).
use strict; use warnings;
use MARC::Charset::Table;
my $t = MARC::Charset::Table->new();
my $db = $t->db();
my @rows;
while (my ($k, $v) = each %$db) {
  next unless $k =~ /^(.+?):(.+)$/s; # marc8 keys
  my $code = Storable::thaw($v);
  my $cs = $1; my $m = $2;
  push @rows, sprintf("%s %s %s %d", unpack("H*", $cs), unpack("H*", $m), lc($code->ucs()), $code->is_combining() ? 1 : 0);
}
print "$_\n" for sort @rows;
