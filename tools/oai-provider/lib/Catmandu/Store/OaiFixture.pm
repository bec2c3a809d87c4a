package Catmandu::Store::OaiFixture;

# A read-only, searchable Catmandu store over a JSON-lines file, for the
# OAI-PMH test provider. Each bag re-reads the file when it changes.

use Catmandu::Sane;
use Moo;
use Catmandu::Store::OaiFixture::Bag;
use namespace::clean;

with 'Catmandu::Store';

has file => (is => 'ro', required => 1);

1;
