package dev.fakecluster.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected instants were cross-checked against robfig/cron v3.0.1 run under Go. */
class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant next(String spec, String after) {
        return CronSchedule.parse(spec).next(Instant.parse(after), ZoneOffset.UTC);
    }

    private static Instant nextIn(ZoneId zone, String spec, String after) {
        return CronSchedule.parse(spec).next(Instant.parse(after), zone);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void everyMinuteFiresAtTheNextWholeMinute() {
        assertThat(next("* * * * *", "2024-01-01T10:15:30.500Z")).isEqualTo(at("2024-01-01T10:16:00Z"));
    }

    @Test
    void nextIsStrictlyAfterTheGivenInstant() {
        assertThat(next("* * * * *", "2024-01-01T10:16:00Z")).isEqualTo(at("2024-01-01T10:17:00Z"));
        assertThat(next("0 0 29 2 *", "2024-02-28T23:59:59Z")).isEqualTo(at("2024-02-29T00:00:00Z"));
    }

    @Test
    void starStepCountsFromTheFieldMinimum() {
        assertThat(next("*/15 * * * *", "2024-01-01T10:16:00Z")).isEqualTo(at("2024-01-01T10:30:00Z"));
        assertThat(next("*/15 * * * *", "2024-01-01T10:45:00Z")).isEqualTo(at("2024-01-01T11:00:00Z"));
    }

    @Test
    void rangeWithStepStaysInsideTheRange() {
        assertThat(next("3-59/10 * * * *", "2024-01-01T10:03:00Z")).isEqualTo(at("2024-01-01T10:13:00Z"));
        assertThat(next("3-59/10 * * * *", "2024-01-01T10:54:00Z")).isEqualTo(at("2024-01-01T11:03:00Z"));
        assertThat(next("20-35/15 * * * *", "2024-01-01T15:45:00Z")).isEqualTo(at("2024-01-01T16:20:00Z"));
    }

    @Test
    void singleValueWithStepRunsToTheFieldMaximum() {
        // "50/4" means 50-59/4: minutes 50, 54 and 58.
        assertThat(next("50/4 * * * *", "2024-01-01T10:58:00Z")).isEqualTo(at("2024-01-01T11:50:00Z"));
    }

    @Test
    void listsCombineTheirValues() {
        assertThat(next("0 1,13 * * *", "2024-01-01T02:00:00Z")).isEqualTo(at("2024-01-01T13:00:00Z"));
        assertThat(next("0 1,13 * * *", "2024-01-01T13:00:00Z")).isEqualTo(at("2024-01-02T01:00:00Z"));
    }

    @Test
    void monthAndWeekdayNamesAreCaseInsensitive() {
        assertThat(next("0 9 1 OCT *", "2024-03-31T10:00:00Z")).isEqualTo(at("2024-10-01T09:00:00Z"));
        // Friday 2024-03-29 was the last weekday in January-March; the next is Wednesday 2025-01-01.
        assertThat(next("0 9 * jan-Mar MON-fri", "2024-03-29T10:00:00Z")).isEqualTo(at("2025-01-01T09:00:00Z"));
    }

    @Test
    void questionMarkActsLikeStarInAnyField() {
        assertThat(next("? ? ? ? ?", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:16:00Z"));
    }

    @Test
    void anythingAfterStarHyphenIsIgnoredAsRobfigDoes() {
        assertThat(next("*-5 * * * *", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:16:00Z"));
    }

    @Test
    void hourlyFiresAtTheTopOfTheNextHour() {
        assertThat(next("@hourly", "2024-01-01T10:15:00Z")).isEqualTo(at("2024-01-01T11:00:00Z"));
    }

    @Test
    void dailyAndMidnightFireAtTheNextMidnight() {
        assertThat(next("@daily", "2024-01-01T10:15:00Z")).isEqualTo(at("2024-01-02T00:00:00Z"));
        assertThat(next("@midnight", "2024-01-01T10:15:00Z")).isEqualTo(at("2024-01-02T00:00:00Z"));
    }

    @Test
    void weeklyFiresAtMidnightOnSunday() {
        assertThat(next("@weekly", "2024-01-03T10:15:00Z")).isEqualTo(at("2024-01-07T00:00:00Z"));
    }

    @Test
    void monthlyFiresOnTheFirstOfTheNextMonth() {
        assertThat(next("@monthly", "2024-01-03T10:15:00Z")).isEqualTo(at("2024-02-01T00:00:00Z"));
    }

    @Test
    void yearlyAndAnnuallyFireOnTheFirstOfJanuary() {
        assertThat(next("@yearly", "2024-01-03T10:15:00Z")).isEqualTo(at("2025-01-01T00:00:00Z"));
        assertThat(next("@annually", "2024-01-01T00:00:00Z")).isEqualTo(at("2025-01-01T00:00:00Z"));
    }

    @Test
    void everyAddsTheDurationToTheGivenTimeTruncatedToSeconds() {
        assertThat(next("@every 1h30m", "2024-01-01T10:15:30.700Z")).isEqualTo(at("2024-01-01T11:45:30Z"));
        assertThat(next("@every 90s", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:17:00Z"));
        assertThat(next("@every 1500000µs", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:15:31Z"));
    }

    @Test
    void everyIgnoresTheTimeZone() {
        assertThat(nextIn(BERLIN, "@every 1h", "2024-03-31T00:30:00Z")).isEqualTo(at("2024-03-31T01:30:00Z"));
    }

    @Test
    void everyRoundsSubSecondZeroAndNegativeDurationsUpToOneSecond() {
        assertThat(next("@every 500ms", "2024-01-01T10:15:30.250Z")).isEqualTo(at("2024-01-01T10:15:31Z"));
        assertThat(next("@every 0", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:15:31Z"));
        assertThat(next("@every -1h", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:15:31Z"));
        assertThat(next("@every 1.9s", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T10:15:31Z"));
    }

    @Test
    void february29thWaitsForTheNextLeapYear() {
        assertThat(next("0 0 29 2 *", "2025-03-01T00:00:00Z")).isEqualTo(at("2028-02-29T00:00:00Z"));
        assertThat(next("0 0 29 2 *", "2095-03-01T00:00:00Z")).isEqualTo(at("2096-02-29T00:00:00Z"));
    }

    @Test
    void nothingWithinFiveYearsGivesNull() {
        // 2100 is no leap year; 2104 is past robfig's limit of the starting year plus five.
        assertThat(next("0 0 29 2 *", "2096-03-01T00:00:00Z")).isNull();
        assertThat(next("0 0 30 2 *", "2024-01-01T00:00:00Z")).isNull();
        assertThat(next("0 0 31 4 *", "2024-01-01T00:00:00Z")).isNull();
        assertThat(next(", * * * *", "2024-01-01T00:00:00Z")).isNull();
    }

    @Test
    void domAndDowBothRestrictedMatchEither() {
        // 2024-06-02 and 2024-06-09 are Sundays.
        assertThat(next("0 0 1,15 * sun", "2024-06-01T12:00:00Z")).isEqualTo(at("2024-06-02T00:00:00Z"));
        assertThat(next("0 0 1,15 * sun", "2024-06-02T12:00:00Z")).isEqualTo(at("2024-06-09T00:00:00Z"));
        assertThat(next("0 0 1,15 * sun", "2024-06-09T12:00:00Z")).isEqualTo(at("2024-06-15T00:00:00Z"));
        // Friday the 7th matches by weekday long before the 13th.
        assertThat(next("0 0 13 * fri", "2024-06-01T12:00:00Z")).isEqualTo(at("2024-06-07T00:00:00Z"));
    }

    @Test
    void domOrDowWrittenAsStarMeansBothMustMatch() {
        assertThat(next("0 0 1,15 * *", "2024-06-02T12:00:00Z")).isEqualTo(at("2024-06-15T00:00:00Z"));
        assertThat(next("0 0 * * sun", "2024-06-03T12:00:00Z")).isEqualTo(at("2024-06-09T00:00:00Z"));
        assertThat(next("0 0 ? * mon", "2024-06-01T12:00:00Z")).isEqualTo(at("2024-06-03T00:00:00Z"));
    }

    @Test
    void starWithAStepAboveOneCountsAsRestrictedForTheDayRule() {
        // Robfig keeps the star mark for "*" and "*/1" only: "*/2" is odd days OR Mondays,
        // "*/1" is every day AND Mondays. 2024-06-03 is a Monday.
        assertThat(next("0 0 */2 * mon", "2024-06-03T12:00:00Z")).isEqualTo(at("2024-06-05T00:00:00Z"));
        assertThat(next("0 0 */1 * mon", "2024-06-03T12:00:00Z")).isEqualTo(at("2024-06-10T00:00:00Z"));
    }

    @Test
    void dailyRunFollowsWallClockAcrossDstInBerlin() {
        // Clocks went forward on 2024-03-31 (CET, UTC+1 -> CEST, UTC+2) and back on 2024-10-27.
        assertThat(nextIn(BERLIN, "0 9 * * *", "2024-03-30T08:00:00Z")).isEqualTo(at("2024-03-31T07:00:00Z"));
        assertThat(nextIn(BERLIN, "0 9 * * *", "2024-03-31T07:00:00Z")).isEqualTo(at("2024-04-01T07:00:00Z"));
        assertThat(nextIn(BERLIN, "0 9 * * *", "2024-10-26T07:00:00Z")).isEqualTo(at("2024-10-27T08:00:00Z"));
    }

    @Test
    void aWallTimeSkippedBySpringForwardDoesNotRunThatDay() {
        assertThat(nextIn(BERLIN, "30 2 * * *", "2024-03-30T12:00:00Z")).isEqualTo(at("2024-04-01T00:30:00Z"));
        // Midnight did not exist in Sao Paulo on 2018-11-04, so a midnight job skipped that day too.
        assertThat(nextIn(ZoneId.of("America/Sao_Paulo"), "0 0 * * *", "2018-11-03T12:00:00Z"))
                .isEqualTo(at("2018-11-05T02:00:00Z"));
    }

    @Test
    void aWallTimeRepeatedByFallBackRunsTwice() {
        assertThat(nextIn(BERLIN, "30 2 * * *", "2024-10-26T12:00:00Z")).isEqualTo(at("2024-10-27T00:30:00Z"));
        assertThat(nextIn(BERLIN, "30 2 * * *", "2024-10-27T00:30:00Z")).isEqualTo(at("2024-10-27T01:30:00Z"));
        assertThat(nextIn(BERLIN, "30 2 * * *", "2024-10-27T01:30:00Z")).isEqualTo(at("2024-10-28T01:30:00Z"));
    }

    @Test
    void hourlyRunsEveryRealHourAcrossDst() {
        assertThat(nextIn(BERLIN, "0 * * * *", "2024-03-31T00:00:00Z")).isEqualTo(at("2024-03-31T01:00:00Z"));
        assertThat(nextIn(BERLIN, "0 * * * *", "2024-10-27T00:00:00Z")).isEqualTo(at("2024-10-27T01:00:00Z"));
        assertThat(nextIn(BERLIN, "0 * * * *", "2024-10-27T01:00:00Z")).isEqualTo(at("2024-10-27T02:00:00Z"));
    }

    @Test
    void scheduleIsReadInTheGivenZone() {
        assertThat(nextIn(ZoneId.of("Asia/Kolkata"), "0 0 * * *", "2024-01-01T12:00:00Z"))
                .isEqualTo(at("2024-01-01T18:30:00Z"));
        assertThat(nextIn(ZoneId.of("America/Sao_Paulo"), "0 9 10 * *", "2018-10-17T09:00:00Z"))
                .isEqualTo(at("2018-11-10T11:00:00Z"));
    }

    @Test
    void specReturnsTheTextAsGiven() {
        assertThat(CronSchedule.parse(" */5  * * * MON ").spec()).isEqualTo(" */5  * * * MON ");
        assertThat(CronSchedule.parse("@every 1h30m").spec()).isEqualTo("@every 1h30m");
    }

    @Test
    void leadingPlusSignIsAcceptedLikeGosAtoi() {
        assertThat(next("+5 * * * *", "2024-01-01T10:15:30Z")).isEqualTo(at("2024-01-01T11:05:00Z"));
    }

    @Test
    void weekdaySevenIsNotSunday() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * 7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("end of range (7) above maximum (6): 7");
    }

    @Test
    void timeZonePrefixesAreRejectedAsKubernetesValidationDoes() {
        for (String spec : new String[] {"TZ=Europe/Berlin 0 9 * * *", "CRON_TZ=UTC 0 9 * * *"}) {
            assertThatThrownBy(() -> CronSchedule.parse(spec))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "hello|expected exactly 5 fields, found 1: [hello]",
        "* * * *|expected exactly 5 fields, found 4: [* * * *]",
        "0 0 * * * *|expected exactly 5 fields, found 6: [0 0 * * * *]",
        "'   '|expected exactly 5 fields, found 0: []",
        "' @daily'|expected exactly 5 fields, found 1: [@daily]",
        "0-70 * * * *|end of range (70) above maximum (59): 0-70",
        "0 24 * * *|end of range (24) above maximum (23): 24",
        "0 0 0 * *|beginning of range (0) below minimum (1): 0",
        "0 0 1 13 *|end of range (13) above maximum (12): 13",
        "5-3 * * * *|beginning of range (5) beyond end of range (3): 5-3",
        "5--5 * * * *|too many hyphens: 5--5",
        "*//2 * * * *|too many slashes: *//2",
        "*/0 * * * *|step of range should be a positive number: */0",
        "*/-12 * * * *|negative number (-12) not allowed: -12",
        "x * * * *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "0 x * * 99|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "0 0 * jan-x *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "0 0 * * Monday|failed to parse int from Monday: strconv.Atoi: parsing \"Monday\": invalid syntax",
        "1_0 * * * *|failed to parse int from 1_0: strconv.Atoi: parsing \"1_0\": invalid syntax",
        "99999999999999999999 * * * *|failed to parse int from 99999999999999999999: "
                + "strconv.Atoi: parsing \"99999999999999999999\": value out of range",
        "@foo|unrecognized descriptor: @foo",
        "@Daily|unrecognized descriptor: @Daily",
        "@every|unrecognized descriptor: @every",
        "@every Xm|failed to parse duration @every Xm: time: invalid duration \"Xm\"",
        "@every 1x|failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\"",
        "@every 10|failed to parse duration @every 10: time: missing unit in duration \"10\"",
        "@every .s|failed to parse duration @every .s: time: invalid duration \".s\"",
        "@every 2µx|failed to parse duration @every 2µx: "
                + "time: unknown unit \"\\xc2\\xb5x\" in duration \"2\\xc2\\xb5x\"",
        "@every 9223372036854775808ns|failed to parse duration @every 9223372036854775808ns: "
                + "time: invalid duration \"9223372036854775808ns\"",
    })
    void invalidSpecsFailWithRobfigsMessage(String spec, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void emptySpecFailsWithRobfigsMessage() {
        assertThatThrownBy(() -> CronSchedule.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty spec string");
    }
}
