package Catmandu::Store::OaiFixture::Bag;

use Catmandu::Sane;
use Moo;
use Catmandu::Hits;
use Catmandu::Util qw(is_string);
use Cpanel::JSON::XS ();
use Time::HiRes ();
use OaiFixture::Cql;
use namespace::clean;

with 'Catmandu::Bag';
with 'Catmandu::CQLSearchable';

# Records in file order, and by id; replaced wholesale when the file changes.
has _records    => (is => 'rw', default => sub { [] });
has _by_id      => (is => 'rw', default => sub { {} });
has _signature  => (is => 'rw', default => sub {''});

sub default_maximum_limit {100_000}

# Reload when the file's inode, size or (sub-second) mtime changed. Writers
# replace the file by rename, so a change of inode alone is enough to notice.
sub _refresh {
    my ($self) = @_;
    my $file = $self->store->file;
    my @st = Time::HiRes::stat($file) or Catmandu::Error->throw("cannot stat $file: $!");
    my $signature = join ':', $st[1], $st[7], $st[9];
    return if $signature eq $self->_signature;

    open my $fh, '<:raw', $file or Catmandu::Error->throw("cannot open $file: $!");
    my $json = Cpanel::JSON::XS->new->utf8;
    my (@records, %by_id);
    while (my $line = <$fh>) {
        next unless $line =~ /\S/;
        my $rec = $json->decode($line);
        my $id  = $rec->{_id};
        Catmandu::Error->throw("record without _id in $file line $.") unless is_string($id);
        $rec->{deleted} = $rec->{deleted} ? 1 : 0;
        if (exists $by_id{$id}) {
            # A later line for the same id replaces the earlier one in place.
            %{$by_id{$id}} = %$rec;
            next;
        }
        push @records, $rec;
        $by_id{$id} = $rec;
    }
    close $fh;
    $self->_records(\@records);
    $self->_by_id(\%by_id);
    $self->_signature($signature);
    return;
}

sub records {
    my ($self) = @_;
    $self->_refresh;
    return $self->_records;
}

sub generator {
    my ($self) = @_;
    my $records = $self->records;
    my $i = 0;
    sub { my $r = $records->[$i++]; $r ? {%$r} : undef };
}

sub get {
    my ($self, $id) = @_;
    $self->_refresh;
    my $rec = $self->_by_id->{$id} or return;
    return {%$rec};
}

sub add        { Catmandu::NotImplemented->throw("the OAI fixture store is read-only: edit its file") }
sub delete     { Catmandu::NotImplemented->throw("the OAI fixture store is read-only: edit its file") }
sub delete_all { Catmandu::NotImplemented->throw("the OAI fixture store is read-only: edit its file") }
sub delete_by_query { Catmandu::NotImplemented->throw("the OAI fixture store is read-only: edit its file") }

sub translate_cql_query {
    my ($self, $cql) = @_;
    return OaiFixture::Cql::parse($cql);
}

# SRU sort keys: "index,schema,ascending[,caseSensitive,missingValue] ...".
sub translate_sru_sortkeys {
    my ($self, $sortkeys) = @_;
    my @keys;
    for my $key (split /\s+/, $sortkeys) {
        my ($index, undef, $ascending) = split /,/, $key;
        next unless defined $index && length $index;
        push @keys, [OaiFixture::Cql::field_for($index), (defined $ascending && $ascending eq '0') ? 0 : 1];
    }
    return \@keys;
}

sub _sort_value {
    my ($rec, $field) = @_;
    my $v = $rec->{$field};
    $v = $v->[0] if ref $v eq 'ARRAY';
    return defined $v ? "$v" : '';
}

sub search {
    my ($self, %args) = @_;
    my $records = $self->records;
    my $pred    = $args{query} // sub {1};
    my @matches = grep { $pred->($_) } @$records;

    if (my $sort = $args{sort}) {
        # Perl's sort is stable, so file order breaks ties.
        @matches = sort {
            my $c = 0;
            for my $k (@$sort) {
                $c = _sort_value($a, $k->[0]) cmp _sort_value($b, $k->[0]);
                $c = -$c unless $k->[1];
                last if $c;
            }
            $c;
        } @matches;
    }

    my $start = $args{start};
    my $limit = $args{limit};
    my $total = scalar @matches;
    my $end   = $start + $limit > $total ? $total : $start + $limit;
    my @page  = $start < $total ? map { {%$_} } @matches[$start .. $end - 1] : ();

    return Catmandu::Hits->new(start => $start, limit => $limit, total => $total, hits => \@page);
}

sub searcher {
    Catmandu::NotImplemented->throw("the OAI fixture store has no searcher; use search");
}

1;
