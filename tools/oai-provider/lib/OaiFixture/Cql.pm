package OaiFixture::Cql;

# A small CQL parser for the in-memory fixture store. It understands what
# Dancer::Plugin::Catmandu::OAI sends: cql.allRecords, "index exact value",
# "index >= value", "index <= value", parentheses and and/or/not. The result
# is a predicate (code ref) taking a record hash ref and returning true/false.
# Comparison is on strings, which is right for the ISO 8601 UTC datestamps
# the store holds (all of one granularity).

use strict;
use warnings;
use Carp qw(croak);

# CQL index name => record field.
my %FIELD_FOR = (
    'id'        => '_id',
    '_id'       => '_id',
    'set'       => 'setSpec',
    'setSpec'   => 'setSpec',
    'datestamp' => 'datestamp',
    'title'     => 'title',
    'creator'   => 'creator',
    'subject'   => 'subject',
    'deleted'   => 'deleted',
);

sub field_for {
    my ($index) = @_;
    my $field = $FIELD_FOR{$index};
    croak "CQL index '$index' is not supported by the fixture store" unless defined $field;
    return $field;
}

sub parse {
    my ($query) = @_;
    my @tokens = _tokenize($query);
    my $pos    = 0;
    my $pred   = _scoped_clause(\@tokens, \$pos);
    croak "unexpected '$tokens[$pos][1]' in CQL query: $query" if $pos < @tokens;
    return $pred;
}

sub _tokenize {
    my ($q) = @_;
    my @tokens;
    pos($q) = 0;
    while (pos($q) < length $q) {
        if ($q =~ /\G\s+/gc) { next }
        if ($q =~ /\G([()])/gc) { push @tokens, [punct => $1]; next }
        if ($q =~ /\G(<=|>=|<>|==|=|<|>)/gc) { push @tokens, [rel => $1]; next }
        if ($q =~ /\G"((?:[^"\\]|\\.)*)"/gc) {
            (my $s = $1) =~ s/\\(.)/$1/g;
            push @tokens, [quoted => $s];
            next;
        }
        if ($q =~ /\G([^\s()"<>=]+)/gc) { push @tokens, [word => $1]; next }
        croak "cannot tokenize CQL query at offset " . pos($q) . ": $q";
    }
    return @tokens;
}

sub _peek_bool {
    my ($tokens, $pos) = @_;
    my $t = $tokens->[$$pos] or return;
    return unless $t->[0] eq 'word';
    my $w = lc $t->[1];
    return $w if $w eq 'and' || $w eq 'or' || $w eq 'not';
    return;
}

# scopedClause := searchClause (boolean searchClause)*, left associative
sub _scoped_clause {
    my ($tokens, $pos) = @_;
    my $left = _search_clause($tokens, $pos);
    while (my $bool = _peek_bool($tokens, $pos)) {
        $$pos++;
        my $right = _search_clause($tokens, $pos);
        my ($l, $r) = ($left, $right);
        $left
            = $bool eq 'and' ? sub { $l->($_[0]) && $r->($_[0]) }
            : $bool eq 'or'  ? sub { $l->($_[0]) || $r->($_[0]) }
            :                  sub { $l->($_[0]) && !$r->($_[0]) };
    }
    return $left;
}

sub _search_clause {
    my ($tokens, $pos) = @_;
    my $t = $tokens->[$$pos] or croak "CQL query ends where a clause was expected";
    if ($t->[0] eq 'punct' && $t->[1] eq '(') {
        $$pos++;
        my $inner = _scoped_clause($tokens, $pos);
        my $close = $tokens->[$$pos];
        croak "missing ')' in CQL query" unless $close && $close->[0] eq 'punct' && $close->[1] eq ')';
        $$pos++;
        return $inner;
    }
    croak "unexpected '$t->[1]' in CQL query" unless $t->[0] eq 'word' || $t->[0] eq 'quoted';
    $$pos++;

    my $next = $tokens->[$$pos];
    my $relation;
    if ($next && $next->[0] eq 'rel') {
        $relation = $next->[1];
    }
    elsif ($next && $next->[0] eq 'word' && $next->[1] =~ /^(exact|any|all)$/i) {
        $relation = lc $next->[1];
    }

    unless (defined $relation) {
        # A bare term: cql.allRecords, or a term searched in the title.
        return sub {1} if lc($t->[1]) eq 'cql.allrecords';
        my $term = $t->[1];
        return sub { _any_value($_[0]{title}, sub { index($_[0], $term) >= 0 }) };
    }

    $$pos++;
    my $value = $tokens->[$$pos];
    croak "CQL relation '$relation' has no value" unless $value && ($value->[0] eq 'word' || $value->[0] eq 'quoted');
    $$pos++;

    return sub {1} if lc($t->[1]) eq 'cql.allrecords';
    return _relation_predicate(field_for($t->[1]), $relation, $value->[1]);
}

sub _relation_predicate {
    my ($field, $relation, $term) = @_;
    my $test
        = $relation eq 'exact' || $relation eq '==' ? sub { $_[0] eq $term }
        : $relation eq '='  ? sub { $_[0] eq $term || grep { $_ eq $term } split /\s+/, $_[0] }
        : $relation eq '<>' ? sub { $_[0] ne $term }
        : $relation eq '<'  ? sub { $_[0] lt $term }
        : $relation eq '<=' ? sub { $_[0] le $term }
        : $relation eq '>'  ? sub { $_[0] gt $term }
        : $relation eq '>=' ? sub { $_[0] ge $term }
        : $relation eq 'any' ? do {
            my %words = map { $_ => 1 } split /\s+/, $term;
            sub { grep { $words{$_} } split /\s+/, $_[0] };
        }
        : $relation eq 'all' ? do {
            my @words = split /\s+/, $term;
            sub { my %have = map { $_ => 1 } split /\s+/, $_[0]; !grep { !$have{$_} } @words };
        }
        : croak "CQL relation '$relation' is not supported";
    return sub { _any_value($_[0]{$field}, $test) };
}

# A field may hold one value or a list; a clause matches if any value does.
sub _any_value {
    my ($value, $test) = @_;
    return 0 unless defined $value;
    for my $v (ref $value eq 'ARRAY' ? @$value : ($value)) {
        next if !defined $v || ref $v;
        return 1 if $test->($v);
    }
    return 0;
}

1;
