package flagbench.cli;

public class Main {
    public static void main(String[] args) {
        System.out.println(Runtime.version());
    }
}
