#!/usr/bin/perl
# Mail::DMARC's import path for aggregate reports, minus the MIME unwrapping that dmarc_receive
# does first: each XML file goes through Receive::handle_body, which parses it (XML::LibXML) and
# saves it in the store configured by ./mail-dmarc.ini (here its SQLite backend).
use strict;
use warnings;
use Mail::DMARC::Report::Receive;

my ( $ok, $failed ) = ( 0, 0 );
foreach my $file (@ARGV) {
    open my $fh, '<', $file or die "$file: $!";
    my $xml = do { local $/; <$fh> };
    close $fh;
    my $receive = Mail::DMARC::Report::Receive->new;
    if ( eval { $receive->handle_body($xml); 1 } ) { $ok++ } else { $failed++; warn "$file: $@" }
}
print "stored $ok, failed $failed\n";
exit( $failed ? 1 : 0 );
