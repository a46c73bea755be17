package io.homefleet.controller.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the controller's pages. Hungarian is the default (the texts below); English is in
 * {@code messages/msg_en.properties}. Keys are grouped by page: {@code nav_}, {@code dash_}, {@code host_}, ...
 */
@MessageBundle(value = "msg", locale = "hu")
public interface Msg {

    @Message("Homefleet vezérlő")
    String product();

    @Message("Ugrás a tartalomra")
    String skip_to_content();

    @Message("Fő menü")
    String nav_label();

    @Message("Vezérlőpult")
    String nav_dashboard();

    @Message("Alkalmazások")
    String nav_apps();

    @Message("Rendszermonitor")
    String nav_monitor();

    @Message("Biztonsági mentés")
    String nav_backups();

    @Message("Beállítások")
    String nav_settings();

    @Message("Nyelv")
    String lang_label();

    @Message("Váltás")
    String lang_switch();

    @Message("Magyar")
    String lang_hu();

    @Message("English")
    String lang_en();

    @Message("Kijelentkezés")
    String sign_out();

    @Message("nincs adat")
    String no_data();

    @Message("{#when status}{#is 'ok'}Rendben{#is 'warn'}Figyelmeztetés{#is 'fail'}Hiba{#else}Ismeretlen{/when}")
    String health_status(String status);

    // Vezérlőpult
    @Message("Ügyfél: {name} ({domain})")
    String dash_customer(String name, String domain);

    @Message("Állapot")
    String dash_health();

    @Message("Még nem készült jelentés; az első az indulás után készül el.")
    String dash_no_report();

    @Message("Kapcsolat a központtal")
    String dash_hub();

    @Message("Központ címe")
    String hub_url();

    @Message("Utolsó sikeres jelentés")
    String hub_last_report();

    @Message("Még egy jelentés sem érkezett meg")
    String hub_never();

    @Message("Várakozó üzenetek (sor)")
    String hub_spool();

    @Message("Utolsó hiba")
    String hub_last_error();

    @Message("nincs")
    String none();

    @Message("Kapcsolat a gazdagép ügynökével")
    String dash_agent();

    @Message("{#when state}{#is 'ok'}Rendben{#is 'unauthorized'}Az ügynök nem ismeri ennek a vendégnek a tokenjét{#is 'unreachable'}Nem érhető el{#is 'unconfigured'}Nincs beállítva{#is 'checking'}Ellenőrzés folyamatban{#else}Ismeretlen{/when}")
    String agent_state(String state);

    @Message("Ellenőrizve")
    String agent_checked();

    @Message("Alkalmazások")
    String dash_apps();

    @Message("{running} fut a(z) {total} telepített alkalmazásból")
    String dash_apps_summary(int running, int total);

    @Message("Biztonsági mentés")
    String dash_backups();

    @Message("Utolsó mentés")
    String backup_last();

    @Message("Utolsó adatbázis-mentés")
    String backup_last_dbdump();

    @Message("Mentés állapota")
    String backup_status();

    @Message("Részletek")
    String details();

    // Szerver állapota (gazdagép)
    @Message("Szerver állapota (gazdagép)")
    String host_title();

    @Message("A gazdagép ügynöke még nem küldött adatot.")
    String host_no_data();

    @Message("Memória")
    String memory();

    @Message("Terhelés (1 / 5 / 15 perc)")
    String load();

    @Message("Üzemidő")
    String uptime();

    @Message("Rendszerlemez")
    String root_disk();

    @Message("Hőmérsékletek")
    String temperatures();

    @Message("Processzor (tokozás)")
    String cpu_package();

    @Message("Processzormagok")
    String cpu_cores();

    @Message("{index}. mag")
    String cpu_core(int index);

    @Message("NVMe meghajtók")
    String nvme();

    @Message("Lemezek (SMART)")
    String smart_disks();

    @Message("készenlétben")
    String standby();

    @Message("Nincs hőmérséklet-adat.")
    String no_temperatures();

    @Message("Mérve")
    String taken_at();

    @Message("{#if days > 0}{days} nap {/if}{hours} óra {minutes} perc")
    String duration(long days, long hours, long minutes);

    @Message("{used} / {total} ({percent})")
    String used_of(String used, String total, String percent);

    // Alkalmazások
    @Message("Telepített alkalmazások")
    String apps_installed();

    @Message("Még nincs telepített alkalmazás.")
    String apps_none();

    @Message("Név")
    String name();

    @Message("Lemezkép")
    String image();

    @Message("Állapot")
    String state();

    @Message("Egészség")
    String container_health();

    @Message("{#when state}{#is 'running'}Fut{#is 'exited'}Leállt{#is 'created'}Létrehozva{#is 'paused'}Szüneteltetve{#is 'restarting'}Újraindul{#is 'dead'}Hibás{#else}{state}{/when}")
    String container_state(String state);

    // Rendszermonitor
    @Message("Vendégrendszer (ez a konténer)")
    String guest_title();

    @Message("Processzor")
    String cpu();

    @Message("{percent} ({cores} mag)")
    String cpu_value(String percent, String cores);

    @Message("Lemez")
    String disk();

    @Message("Lemezek a gazdagépen")
    String host_disks();

    @Message("Eszköz")
    String device();

    @Message("Méret")
    String size();

    @Message("Adatot tartalmaz")
    String data_bearing();

    @Message("igen")
    String yes();

    @Message("nem")
    String no();

    // Biztonsági mentés
    @Message("Mentések")
    String backups_title();

    @Message("Még nem készült mentés. A mentéseket az alkalmazásokkal együtt lehet majd beállítani.")
    String backups_none();

    // Beállítások
    @Message("Tárhelyek (a gazdagép ügynökétől)")
    String storage_title();

    @Message("Az ügynök még nem adott tárhelylistát.")
    String storage_none();

    @Message("alapértelmezett")
    String storage_preferred();

    @Message("Elérési út")
    String path();

    @Message("Típus")
    String type();

    @Message("Tartalom")
    String content();

    @Message("Szabad")
    String available();

    @Message("Értesítések")
    String notify_title();

    @Message("Felügyelet a központból")
    String monitoring();

    @Message("bekapcsolva")
    String on();

    @Message("kikapcsolva")
    String off();

    @Message("Amit itt beállít, azt a központ is megőrzi (a központ felé a kapcsolat szünetelése alatt sem vész el).")
    String notify_hint();

    @Message("Értesítési e-mail-cím")
    String pref_email();

    @Message("Üresen hagyva a központban megadott címre megy.")
    String pref_email_hint();

    @Message("Értesítés ezekről")
    String pref_events();

    @Message("Sikertelen biztonsági mentés")
    String pref_backup_failed();

    @Message("Leállt alkalmazás")
    String pref_app_down();

    @Message("Fogyó tárhely")
    String pref_low_disk();

    @Message("Az értesítések és az oldal nyelve")
    String pref_language();

    @Message("Mentés")
    String pref_save();

    @Message("Elmentve; a központ a következő kapcsolatkor megkapja.")
    String pref_saved();

    @Message("Nem mentettük:")
    String pref_invalid();

    @Message("Webes jelszó")
    String password_title();

    @Message("Jelszó be van állítva: a lapok bejelentkezés után érhetők el.")
    String password_set();

    @Message("Nincs jelszó beállítva: a vezérlőpult bárki számára nyitott, aki eléri.")
    String password_unset();

    @Message("A jelszót a controller.yaml web.password_hash kulcsa tartalmazza (bcrypt-kivonat).")
    String password_hint();

    // Bejelentkezés
    @Message("Bejelentkezés")
    String signin_title();

    @Message("Jelszó")
    String password();

    @Message("Belépés")
    String signin_submit();

    @Message("Hibás jelszó.")
    String signin_wrong();

    @Message("Túl sok próbálkozás; próbálja újra később.")
    String signin_throttled();

    // Beállítási mód
    @Message("Első beállítás")
    String setup_title();

    @Message("Ez a vezérlő még nincs beállítva. Adja meg a központ címét, az ügyfélazonosítót és a letöltési jelszót: a vezérlő letölti a beállításait a központból.")
    String setup_intro();

    @Message("Központ címe (https://...)")
    String setup_hub_url();

    @Message("Ügyfélazonosító")
    String setup_customer_id();

    @Message("Letöltési jelszó")
    String setup_password();

    @Message("Beállítások letöltése")
    String setup_submit();

    @Message("A beállítás nem sikerült: {reason}")
    String setup_failed(String reason);

    @Message("Minden mezőt ki kell tölteni.")
    String setup_missing();
}
