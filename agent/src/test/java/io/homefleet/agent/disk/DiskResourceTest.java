package io.homefleet.agent.disk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.homefleet.agent.localapi.auth.GuestTokenStore;
import io.homefleet.agent.testsupport.Approvals;
import io.homefleet.agent.testsupport.LoopDevice;
import io.homefleet.agent.testsupport.TestEnv;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * /disks and the data-bearing guard on real loop devices: blank, with a filesystem, mounted (backing a Proxmox
 * directory storage), with a partition table; and the operator-approval matrix.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiskResourceTest {
    private static final int VMID = 9400;
    private static LoopDevice blank;
    private static LoopDevice withFilesystem;
    private static LoopDevice mounted;
    private static LoopDevice partitioned;
    private static LoopDevice lvm;
    private static LoopDevice swap;
    private static LoopDevice contested;
    private static String token;

    @BeforeAll
    static void attachLoopDevices() throws Exception {
        assumeTrue(LoopDevice.available(), "loop devices are not available here (needs root and the loop driver)");
        Path dir = TestEnv.dir().resolve("loops");
        blank = LoopDevice.blank(dir, "blank", 320);
        withFilesystem = LoopDevice.blank(dir, "ext4", 320).withExt4();
        mounted = LoopDevice.blank(dir, "mounted", 64).withExt4();
        mounted.mount(TestEnv.dir().resolve("tank"));
        partitioned = LoopDevice.blank(dir, "gpt", 64).withGptPartitionTable();
        lvm = LoopDevice.blank(dir, "lvm-pv", 64).withLvmPhysicalVolume();
        swap = LoopDevice.blank(dir, "swap", 64).withActiveSwap();
        contested = LoopDevice.blank(dir, "contested", 64);
        token = new GuestTokenStore(TestEnv.config().stateDir().resolve("guest-tokens.log")).mint(VMID, "test");
    }

    @AfterAll
    static void detachLoopDevices() throws Exception {
        for (LoopDevice loop : new LoopDevice[] {blank, withFilesystem, mounted, partitioned, lvm, swap, contested}) {
            if (loop != null) {
                loop.close();
            }
        }
    }

    private static JsonPath disk(String device) {
        JsonPath inventory = given().auth().oauth2(token).when().get("/disks").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> entry = inventory.getList("disks", Map.class).stream()
                .filter(d -> device.equals(((Map<?, ?>) d).get("path"))).findFirst()
                .orElseThrow(() -> new AssertionError(device + " missing from /disks"));
        return new JsonPath(io.homefleet.common.json.Json.mapper().valueToTree(entry).toString());
    }

    @Test
    @Order(1)
    void eachLoopDeviceGetsTheVerdictItsContentDeserves() {
        JsonPath b = disk(blank.device());
        assertFalse(b.getBoolean("data_bearing"), b.prettify());
        assertEquals(320L * 1024 * 1024, b.getLong("size_bytes"));
        assertEquals("loop:" + blank.backingFile(), b.getString("durable_id"));

        JsonPath f = disk(withFilesystem.device());
        assertTrue(f.getBoolean("data_bearing"));
        assertEquals("a filesystem (ext4) was found by blkid -p", f.getString("reason"));
        assertEquals("ext4", f.getString("signature.type"));

        JsonPath m = disk(mounted.device());
        assertTrue(m.getBoolean("data_bearing"));
        assertEquals("device is mounted at " + TestEnv.dir().resolve("tank"), m.getString("reason"));
        assertTrue(m.getList("reasons", String.class).contains(
                "device backs Proxmox storage 'tank' (" + TestEnv.dir().resolve("tank") + ")"), m.prettify());

        JsonPath p = disk(partitioned.device());
        assertTrue(p.getBoolean("data_bearing"));
        assertEquals("a partition table (gpt) was found by blkid -p", p.getString("reason"));

        JsonPath pv = disk(lvm.device());
        assertTrue(pv.getBoolean("data_bearing"));
        assertEquals("an LVM physical volume (LVM2_member) was found by blkid -p", pv.getString("reason"));

        JsonPath s = disk(swap.device());
        assertTrue(s.getBoolean("data_bearing"));
        assertEquals("device is active swap", s.getString("reason"));
    }

    @Test
    @Order(2)
    void activeSwapIsNeverFormattedEvenWithAValidApproval() throws Exception {
        String approval = Approvals.sign(TestEnv.approvalSigningKey(), claims(swap, "ext4"), 0, 300);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(swap.device(), "ext4", approval))
                .when().post("/disks/format").then().statusCode(409)
                .body("formatted", equalTo(false))
                .body("approvable", equalTo(false));
        assertTrue(swap.probe().contains("TYPE=swap"));
        assertTrue(Files.readString(Path.of("/proc/swaps")).contains(swap.device()));
    }

    @Test
    @Order(2)
    void theRootFilesystemsDiskIsTheBootDisk() {
        JsonPath inventory = given().auth().oauth2(token).when().get("/disks").then().statusCode(200).extract().jsonPath();
        boolean bootFound = inventory.getList("disks", Map.class).stream()
                .anyMatch(d -> ((java.util.List<?>) d.get("reasons")).contains("device is the boot disk"));
        assertTrue(bootFound, "the disk holding / must be flagged as the boot disk: " + inventory.prettify());
    }

    @Test
    @Order(3)
    void aDataBearingDeviceIsRefusedWithThePendingOperationToSign() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(withFilesystem.device(), "xfs", null))
                .when().post("/disks/format").then().statusCode(403)
                .body("formatted", equalTo(false))
                .body("data_bearing", equalTo(true))
                .body("reason", equalTo("a filesystem (ext4) was found by blkid -p"))
                .body("pending_op.op", equalTo("storage_wipe"))
                .body("pending_op.host_scope", equalTo(TestEnv.HOST_ID))
                .body("pending_op.durable_id", equalTo("loop:" + withFilesystem.backingFile()))
                .body("pending_op.fstype", equalTo("xfs"))
                .body("approvable", equalTo(true))
                .body("error", equalTo("device is data-bearing — format requires an operator signature"));
        assertTrue(withFilesystem.probe().contains("TYPE=ext4"), "the refused device must be untouched");
    }

    @Test
    @Order(4)
    void approvalsThatDoNotBindThisExactOperationAreRefused() throws Exception {
        Map<String, String> good = claims(withFilesystem, "xfs");
        var key = TestEnv.approvalSigningKey();
        assertRefused(Approvals.sign(key, with(good, "op", "vm_destroy"), 0, 300), "approval is for op 'vm_destroy', not 'storage_wipe'");
        assertRefused(Approvals.sign(key, with(good, "durable_id", "loop:" + blank.backingFile()), 0, 300),
                "approval is for durable_id 'loop:" + blank.backingFile() + "', not 'loop:" + withFilesystem.backingFile() + "'");
        assertRefused(Approvals.sign(key, with(good, "host_scope", "another-host"), 0, 300),
                "approval is for host_scope 'another-host', not '" + TestEnv.HOST_ID + "'");
        assertRefused(Approvals.sign(key, with(good, "fstype", "ext4"), 0, 300), "approval is for fstype 'ext4', not 'xfs'");
        assertRefused(Approvals.sign(key, good, -900, 300), "approval has expired");
        assertRefused(Approvals.sign(Approvals.newKeyPair().getPrivate(), good, 0, 300), "approval signature is not the hub's");
        assertRefused(Approvals.sign(key, good, 0, 3600), "approval lives longer than 15 minutes");
        assertRefused("not-a-jwt", "approval is not a valid signed token");
        assertTrue(withFilesystem.probe().contains("TYPE=ext4"), "no refused approval may touch the device");
    }

    @Test
    @Order(5)
    void aValidApprovalFormatsOnceAndCannotBeReused() throws Exception {
        String approval = Approvals.sign(TestEnv.approvalSigningKey(), claims(withFilesystem, "xfs"), 0, 300);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(withFilesystem.device(), "xfs", approval))
                .when().post("/disks/format").then().statusCode(200)
                .body("formatted", equalTo(true))
                .body("data_bearing", equalTo(true))
                .body("reason", startsWith("created xfs on " + withFilesystem.device() + " with operator approval"));
        assertTrue(withFilesystem.probe().contains("TYPE=xfs"), withFilesystem.probe());

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(withFilesystem.device(), "xfs", approval))
                .when().post("/disks/format").then().statusCode(403)
                .body("error", equalTo("approval was already used"));
    }

    @Test
    @Order(6)
    void aMountedDeviceIsNeverFormattedEvenWithAValidApproval() throws Exception {
        String approval = Approvals.sign(TestEnv.approvalSigningKey(), claims(mounted, "ext4"), 0, 300);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(mounted.device(), "ext4", approval))
                .when().post("/disks/format").then().statusCode(409)
                .body("formatted", equalTo(false))
                .body("approvable", equalTo(false))
                .body("error", containsString("an approval does not cover a device in live use"));
        assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).contains(TestEnv.dir().resolve("tank").toString()));
    }

    @Test
    @Order(7)
    void aBlankDeviceIsFormattedWithoutApproval() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(blank.device(), "ext4", null))
                .when().post("/disks/format").then().statusCode(200)
                .body("formatted", equalTo(true))
                .body("data_bearing", equalTo(false))
                .body("reason", equalTo("created ext4 on " + blank.device()));
        assertTrue(blank.probe().contains("TYPE=ext4"), blank.probe());
        assertTrue(disk(blank.device()).getBoolean("data_bearing"), "once formatted it holds a filesystem");
    }

    @Test
    @Order(7)
    void twoFormatsOfOneBlankDeviceAtOnceFormatItOnce() throws Exception {
        java.util.concurrent.Callable<Integer> format = () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(contested.device(), "ext4", null)).when().post("/disks/format").then().extract().statusCode();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(format);
            var second = pool.submit(format);
            java.util.List<Integer> statuses = new java.util.ArrayList<>(java.util.List.of(first.get(), second.get()));
            java.util.Collections.sort(statuses);
            assertEquals(java.util.List.of(200, 403), statuses, "the second must find the first one's filesystem");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @Order(8)
    void badInputIsRefusedWithA4xxProblemAndNothingChanges() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"vmid\":" + VMID + ",\"device\":\"/dev/sda; rm -rf /\",\"fstype\":\"ntfs\"}")
                .when().post("/disks/format").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("device"))
                .body("errors.field", hasItem("fstype"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request("/dev/loop-that-does-not-exist", "ext4", null))
                .when().post("/disks/format").then().statusCode(404)
                .body("error", equalTo("unknown device: use a path from GET /disks"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{not json")
                .when().post("/disks/format").then().statusCode(400).contentType("application/problem+json");
        assertTrue(partitioned.probe().contains("PTTYPE=gpt"));
    }

    @Test
    @Order(9)
    void everyRefusalAndFormatIsAuditedWithoutSecrets() throws Exception {
        Path audit = TestEnv.config().stateDir().resolve("audit.log");
        String log = Files.readString(audit);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)));
        assertTrue(log.contains("\"event\":\"formatted\""), log);
        assertTrue(log.contains("\"event\":\"format_refused\""), log);
        assertTrue(log.contains("\"reason\":\"approval has expired\""), log);
        assertTrue(log.contains("\"durable_id\":\"loop:" + withFilesystem.backingFile() + "\""), log);
        assertFalse(log.contains(token), "tokens never reach the audit log");
        assertFalse(log.contains("eyJ"), "approval JWTs never reach the audit log");
    }

    private static void assertRefused(String approval, String reason) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(request(withFilesystem.device(), "xfs", approval))
                .when().post("/disks/format").then().statusCode(403)
                .body("formatted", equalTo(false))
                .body("error", equalTo(reason));
    }

    private static Map<String, String> claims(LoopDevice device, String fstype) {
        return Map.of("op", "storage_wipe", "host_scope", TestEnv.HOST_ID, "durable_id", "loop:" + device.backingFile(),
                "fstype", fstype);
    }

    private static Map<String, String> with(Map<String, String> claims, String name, String value) {
        Map<String, String> copy = new HashMap<>(claims);
        copy.put(name, value);
        return copy;
    }

    private static String request(String device, String fstype, String approval) {
        return "{\"vmid\":" + VMID + ",\"device\":\"" + device + "\",\"fstype\":\"" + fstype + "\""
                + (approval == null ? "" : ",\"approval\":\"" + approval + "\"") + "}";
    }
}
