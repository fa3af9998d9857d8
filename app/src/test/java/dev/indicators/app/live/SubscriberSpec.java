package dev.indicators.app.live;

import dev.indicators.contract.region.RegionTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A subscriber: its filter, its bounded buffer, and the stream position that is its event id")
class SubscriberSpec {

    private static final RegionTable REGIONS = RegionTable.bundled();

    private static TotalChange change(String region, String indicator, String period) {
        return new TotalChange(region, "county", indicator, period, 1.0, null, null, "2017-01-01T00:00:00Z");
    }

    @Test
    void a_subscriber_whose_buffer_is_full_is_dropped_at_once_and_told_so_instead_of_holding_up_the_feed() throws Exception {
        Subscriber s = new Subscriber(new SubscriptionFilter("310118", null, null, false), StreamPosition.of(Map.of(0, 0L)), 2);
        StreamPosition p = StreamPosition.of(Map.of(0, 0L));
        assertThat(s.offer(new Subscriber.Delivery(change("310118", "mediation.received", "all"), p.after(0, 0)))).isTrue();
        assertThat(s.offer(new Subscriber.Delivery(change("310118", "mediation.received", "all"), p.after(0, 1)))).isTrue();
        assertThat(s.offer(new Subscriber.Delivery(change("310118", "mediation.received", "all"), p.after(0, 2)))).isFalse();
        assertThat(s.dropped()).isTrue();
        assertThat(s.next(Duration.ofMillis(10))).as("what was buffered is discarded with the subscriber").isNull();
        assertThat(s.offer(new Subscriber.Delivery(change("310118", "mediation.received", "all"), p.after(0, 3)))).isFalse();
    }

    @Test
    void a_subscriber_that_keeps_up_gets_every_change_in_order_with_the_position_after_it() throws Exception {
        Subscriber s = new Subscriber(new SubscriptionFilter("310118", null, null, false), StreamPosition.of(Map.of(0, 0L)), 2);
        StreamPosition p = StreamPosition.of(Map.of(0, 5L, 1, 7L));
        for (int i = 0; i < 5; i++) {
            assertThat(s.offer(new Subscriber.Delivery(change("310118", "mediation.received", "all"), p.after(1, 7 + i)))).isTrue();
            assertThat(s.next(Duration.ofMillis(10)).position().text()).isEqualTo("0:5,1:" + (8 + i));
        }
        assertThat(s.dropped()).isFalse();
    }

    @Test
    void descendants_take_in_every_region_below_in_the_region_table_and_indicator_and_period_narrow_it() {
        SubscriptionFilter shanghai = new SubscriptionFilter("310000", null, "year:2017", true);
        assertThat(shanghai.accepts(change("310118", "mediation.received", "year:2017"), REGIONS)).as("Qingpu, a district of Shanghai").isTrue();
        assertThat(shanghai.accepts(change("310000", "mediation.received", "year:2017"), REGIONS)).isTrue();
        assertThat(shanghai.accepts(change("140300", "mediation.received", "year:2017"), REGIONS)).as("Yangquan").isFalse();
        assertThat(shanghai.accepts(change("310118", "mediation.received", "year:2018"), REGIONS)).isFalse();
        SubscriptionFilter shanghaiItself = new SubscriptionFilter("310000", "mediation.received", null, false);
        assertThat(shanghaiItself.accepts(change("310118", "mediation.received", "all"), REGIONS)).as("without descendants").isFalse();
        assertThat(shanghaiItself.accepts(change("310000", "mediation.succeeded", "all"), REGIONS)).isFalse();
        assertThat(shanghaiItself.accepts(change("310000", "mediation.received", "all"), REGIONS)).isTrue();
    }

    @Test
    void an_event_id_is_read_back_as_the_position_it_names_and_a_malformed_one_is_refused_naming_it() {
        StreamPosition p = StreamPosition.parse("0:1523,2:1040,1:877");
        assertThat(p.text()).isEqualTo("0:1523,1:877,2:1040");
        assertThat(p.after(1, 900).next(1)).isEqualTo(901);
        assertThat(p.after(1, 5).next(1)).as("an older record does not move a position back").isEqualTo(877);
        assertThatThrownBy(() -> StreamPosition.parse("yesterday")).hasMessageContaining("Last-Event-ID 'yesterday'");
    }
}
